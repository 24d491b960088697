using Microsoft.Extensions.Logging.Console;
using ShortUrl.Storage.Migrations;

namespace ShortUrl.Access;

/// <summary>
/// <c>dotnet ShortUrl.dll keys add|list|revoke</c>: API keys in the configured database, managed by the service itself.
/// It reads the configuration as the service does, brings the schema up to date, does its one thing and exits (0, or 1
/// with one line saying why), without starting the web server.
/// </summary>
internal static class KeysCommand
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss 'UTC'";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"] or ["-h"] or ["help"])
        {
            Console.WriteLine("Usage: dotnet ShortUrl.dll " + KeysCommandLine.Usage);
            return 0;
        }

        if (KeysCommandLine.Parse(args, out var problem) is not { } command)
        {
            return Failed($"ShortUrl keys: {problem}. Usage: {KeysCommandLine.Usage}");
        }

        try
        {
            var builder = ShortUrlServices.CreateBuilder(command.Settings);
            // Standard output is for what the command prints (the new key, for a script to capture); logs go to standard error.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
            builder.AddShortUrl();
            await using var app = builder.Build();
            // Invalid configuration stops here, with the same one line as a start of the service.
            _ = app.Services.GetRequiredService<IOptions<ShortUrlOptions>>().Value;
            // Only add makes a database: listing or revoking where there is none is a mistyped setting, not an empty list.
            if (command.Verb != "add" && app.Services.GetRequiredService<IMigrationHistory>().MissingDatabase is { } missing)
            {
                return Failed($"ShortUrl keys: there is no database at {missing}. Check ConnectionStrings:ShortUrl (keys add creates one).");
            }

            await ActivatorUtilities.CreateInstance<MigrationRunner>(app.Services).StartAsync(CancellationToken.None);
            var store = app.Services.GetRequiredService<IApiKeyStore>();
            var configured = app.Services.GetRequiredService<KeyRing>().Configured;
            return command.Verb switch
            {
                "add" => await AddAsync(store, configured, command.Name!, command.Role, app.Services.GetRequiredService<TimeProvider>()),
                "revoke" => await RevokeAsync(store, configured, command.Name!),
                _ => await ListAsync(store, configured),
            };
        }
        catch (Exception e) when (StartupFailure.Explain(e) is { } reason)
        {
            return Failed(reason);
        }
    }

    private static async Task<int> AddAsync(IApiKeyStore store, IReadOnlyList<KnownKey> configured, string name, ApiKeyRole role, TimeProvider time)
    {
        if (configured.Any(key => key.Name == name))
        {
            return Failed($"ShortUrl keys: '{name}' is the name of a key in the configuration (ShortUrl:ApiKeys); choose another.");
        }

        var key = ApiKeyText.NewKey();
        var stored = new StoredApiKey(name, ApiKeyRoles.ToText(role), ApiKeyText.HashOf(key), time.GetUtcNow().UtcDateTime);
        if (!await store.AddAsync(stored, CancellationToken.None))
        {
            return Failed($"ShortUrl keys: a key named '{name}' exists already; revoke it first or choose another name.");
        }

        Console.WriteLine(key);
        await Console.Error.WriteLineAsync(
            $"Added the {stored.Role} key '{name}'. It is shown this once only: keep it now. Send it in the {KeyRing.HeaderName} header.");
        return 0;
    }

    private static async Task<int> RevokeAsync(IApiKeyStore store, IReadOnlyList<KnownKey> configured, string name)
    {
        if (await store.RevokeAsync(name, CancellationToken.None))
        {
            Console.WriteLine(
                $"Revoked the key '{name}'. Running instances refuse it within {KeyRing.Freshness.TotalSeconds:0} seconds; its links stay.");
            return 0;
        }

        return Failed(configured.Any(key => key.Name == name)
            ? $"ShortUrl keys: '{name}' is a key of the configuration; remove it from ShortUrl:ApiKeys instead."
            : $"ShortUrl keys: there is no key named '{name}'.");
    }

    private static async Task<int> ListAsync(IApiKeyStore store, IReadOnlyList<KnownKey> configured)
    {
        var uses = (await store.ListUsesAsync(CancellationToken.None)).ToDictionary(use => use.Name, use => use.LastUsedAt, StringComparer.Ordinal);
        var rows = configured
            .Select(key => (key.Name, Role: ApiKeyRoles.ToText(key.Role), Source: "configuration", CreatedAt: (DateTime?)null))
            .Concat((await store.ListAsync(CancellationToken.None))
                .Select(key => (key.Name, key.Role, Source: "database", CreatedAt: (DateTime?)key.CreatedAt)))
            .Select(key => new[]
            {
                key.Name, key.Role, key.Source, key.CreatedAt?.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "-",
                // Uses are kept by name: those from before this key was made are a revoked key's of the same name.
                uses.TryGetValue(key.Name, out var used) && used >= key.CreatedAt.GetValueOrDefault()
                    ? used.ToString(TimeFormat, CultureInfo.InvariantCulture)
                    : "never",
            })
            .ToList();
        if (rows.Count == 0)
        {
            Console.WriteLine("No keys yet. Add the first with: dotnet ShortUrl.dll keys add --name admin --role admin");
            return 0;
        }

        string[] header = ["NAME", "ROLE", "SOURCE", "CREATED", "LAST USED"];
        var widths = header.Select((title, column) => rows.Max(row => row[column].Length) is var w && w > title.Length ? w : title.Length).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        return 0;
    }

    private static int Failed(string line)
    {
        Console.Error.WriteLine(line);
        return 1;
    }
}
