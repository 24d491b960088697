using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
namespace ShortUrl.Redirects;

/// <summary>
/// A link's redirect rules, prepared once when the link is loaded into the cache: each rule's conditions and its ready
/// <c>Location</c>. The first rule whose conditions all hold decides where a follower goes. Links without rules have
/// none (<see cref="RedirectIndex.RedirectTarget.Rules"/> is null) and never reach this class.
/// </summary>
internal sealed class RedirectRuleSet
{
    private readonly (Func<HttpRequest, bool>[] Conditions, string Location)[] _rules;

    private RedirectRuleSet((Func<HttpRequest, bool>[] Conditions, string Location)[] rules, string? vary)
    {
        _rules = rules;
        Vary = vary;
    }

    /// <summary>The request headers the rules read, for the <c>Vary</c> header; null when they read none.</summary>
    public string? Vary { get; }

    /// <returns>Null for no rules, or for stored rules that cannot be read.</returns>
    public static RedirectRuleSet? FromStored(string? stored)
    {
        var rules = RedirectRulesInput.FromStored(stored);
        if (rules.Count == 0)
        {
            return null;
        }

        var readsUserAgent = false;
        var readsLanguage = false;
        var compiled = new List<(Func<HttpRequest, bool>[], string)>(rules.Count);
        foreach (var rule in rules)
        {
            // Checked when stored; a target that no longer makes a Location is skipped, as the link's own would be refused.
            if (Links.TargetUrl.ToLocation(rule.Url) is not { } location)
            {
                continue;
            }

            readsUserAgent |= rule.Conditions.Any(c => c.Type == "device");
            readsLanguage |= rule.Conditions.Any(c => c.Type == "language");
            compiled.Add(([.. rule.Conditions.Select(Compile)], location));
        }

        var vary = (readsUserAgent, readsLanguage) switch
        {
            (true, true) => "User-Agent, Accept-Language",
            (true, false) => "User-Agent",
            (false, true) => "Accept-Language",
            _ => null,
        };
        return compiled.Count == 0 ? null : new RedirectRuleSet([.. compiled], vary);
    }

    /// <returns>The <c>Location</c> of the first rule that matches; null when none does (the link's own target then).</returns>
    public string? LocationFor(HttpRequest request)
    {
        foreach (var (conditions, location) in _rules)
        {
            if (conditions.All(condition => condition(request)))
            {
                return location;
            }
        }

        return null;
    }

    private static Func<HttpRequest, bool> Compile(RedirectCondition condition) => condition.Type switch
    {
        "device" => request => DeviceOf(request.Headers.UserAgent) == condition.Value,
        "language" => request => AcceptsLanguage(request, condition.Value),
        "query" => request => request.Query.TryGetValue(condition.Name!, out var values)
            && values.Any(value => string.Equals(value, condition.Value, StringComparison.Ordinal)),
        _ => _ => false,
    };

    /// <summary>
    /// ios, android or desktop, from the User-Agent: iPhone, iPad and iPod are iOS (an iPad asking for the desktop site
    /// says Macintosh, and is desktop here, as it asked); anything else that says Mobi(le) is neither.
    /// </summary>
    internal static string? DeviceOf(StringValues userAgent)
    {
        var text = userAgent.ToString();
        if (text.Contains("iPhone", StringComparison.Ordinal) || text.Contains("iPad", StringComparison.Ordinal)
            || text.Contains("iPod", StringComparison.Ordinal))
        {
            return "ios";
        }

        if (text.Contains("Android", StringComparison.Ordinal))
        {
            return "android";
        }

        return text.Contains("Mobi", StringComparison.Ordinal) ? null : "desktop";
    }

    /// <summary>
    /// Whether Accept-Language names <paramref name="language"/> with a quality above zero: exactly, or as a more
    /// specific tag of it (fr matches fr-CA; fr-CA does not match fr).
    /// </summary>
    internal static bool AcceptsLanguage(HttpRequest request, string language)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var accepted))
        {
            return false;
        }

        foreach (var entry in accepted)
        {
            if (entry.Quality is 0 || !entry.Value.HasValue)
            {
                continue;
            }

            var tag = entry.Value.AsSpan();
            if (tag.Equals(language, StringComparison.OrdinalIgnoreCase)
                || (tag.Length > language.Length && tag[language.Length] == '-'
                    && tag[..language.Length].Equals(language, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
