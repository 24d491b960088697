using System.Text.Json;
using System.Text.RegularExpressions;
namespace ShortUrl.Links;

/// <summary>
/// Redirect rules as people send them (on create, on edit, in an import), checked and turned into what is stored: a
/// JSON array of <see cref="RedirectRule"/>, or null for none.
/// </summary>
internal static partial class RedirectRulesInput
{
    public const int MaxRules = 10;
    public const int MaxConditions = 5;
    public const int MaxQueryNameLength = 256;
    public const int MaxQueryValueLength = 1024;

    public static readonly string[] ConditionTypes = ["device", "language", "query"];
    public static readonly string[] Devices = ["ios", "android", "desktop"];

    /// <param name="rules">The rules in their order; null or empty: none.</param>
    /// <param name="selfHosts">The service's own hosts, which no target may point at.</param>
    /// <param name="stored">The rules as stored; null for none.</param>
    /// <returns>Why they cannot be used, or null.</returns>
    public static string? Validate(IReadOnlyList<RedirectRuleRequest?>? rules, IReadOnlyCollection<HostString> selfHosts, out string? stored)
    {
        stored = null;
        if (rules is null || rules.Count == 0)
        {
            return null;
        }

        if (rules.Count > MaxRules)
        {
            return $"A link has at most {MaxRules} redirect rules; {rules.Count} were given.";
        }

        var valid = new List<RedirectRule>(rules.Count);
        for (var i = 0; i < rules.Count; i++)
        {
            var where = $"Rule {i + 1}";
            if (rules[i] is not { } rule)
            {
                return $"{where} must be an object like {{\"url\": \"https://example.com/ios\", \"conditions\": [{{\"type\": \"device\", \"value\": \"ios\"}}]}}.";
            }

            if (TargetUrl.Validate(rule.Url, selfHosts, out var url) is { } urlProblem)
            {
                return $"{where}: {urlProblem}";
            }

            if (rule.Conditions is not { Length: > 0 } conditions)
            {
                return $"{where} needs at least one condition (a rule without one would always win: make its url the link's target instead).";
            }

            if (conditions.Length > MaxConditions)
            {
                return $"{where} has {conditions.Length} conditions; a rule has at most {MaxConditions}.";
            }

            var checkedConditions = new List<RedirectCondition>(conditions.Length);
            for (var j = 0; j < conditions.Length; j++)
            {
                if (ValidateCondition(conditions[j], out var condition) is { } problem)
                {
                    return $"{where}, condition {j + 1}: {problem}";
                }

                checkedConditions.Add(condition);
            }

            valid.Add(new RedirectRule(url, checkedConditions));
        }

        stored = JsonSerializer.Serialize(valid, AppJsonContext.Default.ListRedirectRule);
        return null;
    }

    /// <summary>The rules as stored, for the API to show; empty for none (or for a value no release wrote).</summary>
    public static IReadOnlyList<RedirectRule> FromStored(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(stored, AppJsonContext.Default.ListRedirectRule) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? ValidateCondition(RedirectConditionRequest? given, out RedirectCondition condition)
    {
        condition = null!;
        var type = given?.Type?.Trim().ToLowerInvariant();
        switch (type)
        {
            case null or "":
                return $"'type' is required: one of {string.Join(", ", ConditionTypes)}.";
            case "device":
                var device = given!.Value?.Trim().ToLowerInvariant();
                if (device is null || !Devices.Contains(device))
                {
                    return $"a device condition's 'value' is one of {string.Join(", ", Devices)}.";
                }

                condition = new RedirectCondition("device", null, device);
                return null;
            case "language":
                var language = given!.Value?.Trim();
                if (language is null || !LanguageTag().IsMatch(language))
                {
                    return "a language condition's 'value' is a language tag, like fr or pt-BR.";
                }

                condition = new RedirectCondition("language", null, language.ToLowerInvariant());
                return null;
            case "query":
                if (string.IsNullOrEmpty(given!.Name) || given.Name.Length > MaxQueryNameLength)
                {
                    return $"a query condition needs the parameter's 'name', 1-{MaxQueryNameLength} characters.";
                }

                if (given.Value is null || given.Value.Length > MaxQueryValueLength)
                {
                    return $"a query condition needs the 'value' the parameter must equal, at most {MaxQueryValueLength} characters.";
                }

                condition = new RedirectCondition("query", given.Name, given.Value);
                return null;
            default:
                return $"'{given!.Type}' is not a condition type; use one of {string.Join(", ", ConditionTypes)}.";
        }
    }

    [GeneratedRegex("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
