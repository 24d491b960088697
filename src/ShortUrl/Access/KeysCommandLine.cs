namespace ShortUrl.Access;

/// <summary>
/// The arguments of <c>ShortUrl keys ...</c>, read by hand: three verbs and two options do not need a parser library,
/// and configuration given as for the service (<c>--ShortUrl:Database=Postgres</c>, any option whose name has a
/// <c>:</c>) passes through to the configuration untouched.
/// </summary>
internal sealed record KeysCommandLine(string Verb, string? Name, ApiKeyRole Role, string[] Settings)
{
    public const string Usage = "keys add --name NAME --role admin|author, keys list, keys revoke NAME";

    /// <summary>
    /// Whether the arguments ask for the <c>keys</c> command: its word is the first that is not configuration, so
    /// <c>--ConnectionStrings:ShortUrl=... keys list</c> manages keys too instead of starting the service.
    /// </summary>
    /// <returns>The arguments without the word <c>keys</c>, or null when they run the service.</returns>
    public static string[]? ArgumentsOfTheCommand(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var token = args[i];
            if (token == "keys")
            {
                return [.. args[..i], .. args[(i + 1)..]];
            }

            var equals = token.IndexOf('=');
            var option = equals < 0 ? token : token[..equals];
            if (!option.StartsWith("--", StringComparison.Ordinal) || !option.Contains(':'))
            {
                return null;
            }

            if (equals < 0)
            {
                i++;
            }
        }

        return null;
    }

    /// <returns>The command, or null with <paramref name="problem"/> saying what is wrong in one sentence.</returns>
    public static KeysCommandLine? Parse(IReadOnlyList<string> args, out string? problem)
    {
        var settings = new List<string>();
        var positional = new List<string>();
        string? name = null, role = null;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                positional.Add(token);
                continue;
            }

            var equals = token.IndexOf('=');
            var option = equals < 0 ? token[2..] : token[2..equals];
            var value = equals < 0 ? null : token[(equals + 1)..];
            if (option.Contains(':'))
            {
                settings.Add(token);
                if (value is null && i + 1 < args.Count)
                {
                    settings.Add(args[++i]);
                }

                continue;
            }

            if (option is not ("name" or "role"))
            {
                return Fail($"'--{option}' is not an option of keys", out problem);
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return Fail($"--{option} needs a value", out problem);
                }

                value = args[++i];
            }

            if ((option == "name" ? name : role) is not null)
            {
                return Fail($"--{option} is given twice", out problem);
            }

            (name, role) = option == "name" ? (value, role) : (name, value);
        }

        if (positional.Count == 0)
        {
            return Fail("no command given", out problem);
        }

        var verb = positional[0];
        var operands = positional.Skip(1).ToList();
        switch (verb)
        {
            case "add":
                if (operands.Count > 0)
                {
                    return Fail($"keys add takes no '{operands[0]}'; the name goes after --name", out problem);
                }

                if (name is null || role is null)
                {
                    return Fail("keys add needs --name and --role", out problem);
                }

                break;
            case "list":
                if (operands.Count > 0 || name is not null || role is not null)
                {
                    return Fail("keys list takes nothing more", out problem);
                }

                break;
            case "revoke":
                if (role is not null || operands.Count + (name is null ? 0 : 1) != 1)
                {
                    return Fail("keys revoke takes the name of one key", out problem);
                }

                name ??= operands[0];
                break;
            default:
                return Fail($"'{verb}' is not a keys command", out problem);
        }

        if (name is not null && !ApiKeyText.IsName(name))
        {
            return Fail($"a key's name is {ApiKeyText.NameRule}, not '{name}'", out problem);
        }

        var parsedRole = ApiKeyRole.Author;
        if (role is not null && !ApiKeyRoles.TryParse(role, out parsedRole))
        {
            return Fail($"--role is admin or author, not '{role}'", out problem);
        }

        problem = null;
        return new KeysCommandLine(verb, name, parsedRole, [.. settings]);
    }

    private static KeysCommandLine? Fail(string reason, out string? problem)
    {
        problem = reason;
        return null;
    }
}
