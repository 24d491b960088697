using System.Text.Json;

namespace ShortUrl.Peers.Shlink;

/// <summary>
/// Shlink's <c>/short-urls/{shortCode}/redirect-rules</c> over the native redirect rules: Shlink's <c>device</c> (android,
/// ios, desktop), <c>language</c> and <c>query-param</c> conditions are the native device, language and query ones; its
/// other condition types have no native match and are refused as invalid data.
/// </summary>
internal static class ShlinkRedirectRules
{
    public static async Task<Results<Ok<ShlinkRedirectRuleList>, ProblemHttpResult>> Get(
        string shortCode, HttpContext context, LinkService links, CancellationToken cancellationToken) =>
        await ShlinkShortUrls.ManagedAsync(shortCode, context, links, cancellationToken) is { } link
            ? TypedResults.Ok(ToShlink(link))
            : ShlinkProblems.ShortUrlNotFound(shortCode);

    public static async Task<Results<Ok<ShlinkRedirectRuleList>, ProblemHttpResult>> Set(
        string shortCode, HttpContext context, LinkService links, LinkLifecycle lifecycle, PublicAddress address, CancellationToken cancellationToken)
    {
        if (await ShlinkShortUrls.ManagedAsync(shortCode, context, links, cancellationToken) is null)
        {
            return ShlinkProblems.ShortUrlNotFound(shortCode);
        }

        var (input, problem) = await ShlinkShortUrlInput.ReadAsync(context.Request, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        if (Read(input.Element("redirectRules")) is not { } rules)
        {
            return ShlinkProblems.InvalidData("redirectRules");
        }

        var edit = new LinkEdit(FieldChange<string?>.Unchanged, FieldChange<string?>.Unchanged, FieldChange<long?>.Unchanged, FieldChange<string?>.Unchanged)
        {
            Rules = FieldChange<IReadOnlyList<RedirectRuleRequest?>?>.To(rules),
        };
        return await lifecycle.EditAsync(shortCode, edit, address.SelfHosts(context.Request), cancellationToken) switch
        {
            LinkLifecycle.EditOutcome.Edited(var link) => TypedResults.Ok(ToShlink(link)),
            LinkLifecycle.EditOutcome.Invalid => ShlinkProblems.InvalidData("redirectRules"),
            _ => ShlinkProblems.ShortUrlNotFound(shortCode),
        };
    }

    private static ShlinkRedirectRuleList ToShlink(Link link) => new(
        link.Url,
        RedirectRulesInput.FromStored(link.RedirectRules)
            .Select((rule, index) => new ShlinkRedirectRule(rule.Url, index + 1, rule.Conditions.Select(condition => condition.Type switch
            {
                "query" => new ShlinkRedirectCondition("query-param", condition.Name, condition.Value),
                _ => new ShlinkRedirectCondition(condition.Type, null, condition.Value),
            }).ToList()))
            .ToList());

    /// <summary>Shlink's rules as native rule requests (checked by the native rules); null when they cannot be.</summary>
    private static List<RedirectRuleRequest?>? Read(JsonElement? element)
    {
        if (element is not { ValueKind: JsonValueKind.Array } array)
        {
            return element is null or { ValueKind: JsonValueKind.Null } ? [] : null;
        }

        var rules = new List<RedirectRuleRequest?>();
        foreach (var rule in array.EnumerateArray())
        {
            if (rule.ValueKind != JsonValueKind.Object
                || !rule.TryGetProperty("longUrl", out var longUrl) || longUrl.ValueKind != JsonValueKind.String
                || !rule.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var native = new List<RedirectConditionRequest?>();
            foreach (var condition in conditions.EnumerateArray())
            {
                if (condition.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var type = Text(condition, "type");
                var key = Text(condition, "matchKey");
                var value = Text(condition, "matchValue");
                native.Add(type switch
                {
                    "device" => new RedirectConditionRequest("device", value),
                    "language" => new RedirectConditionRequest("language", value),
                    "query-param" => new RedirectConditionRequest("query", value, key),
                    _ => null,
                });
                if (native[^1] is null)
                {
                    return null;
                }
            }

            rules.Add(new RedirectRuleRequest(longUrl.GetString(), [.. native]));
        }

        return rules;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
