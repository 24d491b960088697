namespace ShortUrl.Links;

/// <summary>The body of <c>POST /api/urls</c>, as JSON or form fields.</summary>
/// <param name="Url">The absolute http or https URL to shorten.</param>
/// <param name="Alias">Optional custom code: 3-64 of A-Z, a-z, 0-9, '-' and '_'.</param>
/// <param name="ExpiresAt">Optional: from this moment (ISO 8601, in the future; UTC when it has no offset) the link answers 410 Gone.</param>
/// <param name="MaxClicks">Optional: after this many clicks (at least 1) the link answers 410 Gone.</param>
/// <param name="Password">Optional: followers must enter it first. Stored only as a salted hash, never shown.</param>
/// <param name="Title">Optional: what the link is called, at most 512 characters.</param>
/// <param name="Tags">Optional: up to 20 tags, each 1-64 of a-z, 0-9, '-', '_' and inner spaces (made lower-case).</param>
/// <param name="ForwardQuery">Optional, true by default: the query string the short link is followed with is appended to the target's.</param>
/// <param name="Rules">Optional: up to 10 redirect rules, in order; the first whose conditions all hold sends the follower to its url.</param>
internal sealed record CreateLinkRequest(
    string? Url, string? Alias, string? ExpiresAt = null, long? MaxClicks = null, string? Password = null,
    string? Title = null,
    string?[]? Tags = null,
    bool? ForwardQuery = null,
    RedirectRuleRequest?[]? Rules = null);

/// <summary>A short link as the API shows it.</summary>
/// <param name="Code">The code after the slash; case-sensitive.</param>
/// <param name="ShortUrl">The full short link.</param>
/// <param name="Url">The target the short link redirects to.</param>
/// <param name="DisplayUrl">The target as a person should read it: its host in its ASCII (xn--) form when the Unicode
/// form could pass for another name (mixed scripts, look-alike letters, invisible characters), as browsers show it; null
/// when <c>url</c> is.</param>
/// <param name="CreatedAt">When it was created, UTC.</param>
/// <param name="Clicks">Redirects served so far.</param>
/// <param name="ExpiresAt">When it stops redirecting (410 Gone from then on), UTC; null when it never expires.</param>
/// <param name="MaxClicks">After how many clicks it stops redirecting; null when there is no limit.</param>
/// <param name="HasPassword">Whether followers must enter a password. Then <c>url</c> is null in lists and details: only
/// the creator (in the answer to the create) and API-key holders (in the answer to an edit) see the target.</param>
/// <param name="Title">What the link is called; null when it has none, and, like <c>url</c>, when the target is not shown.</param>
/// <param name="Tags">Its tags, in the order given; empty when it has none, and, like <c>url</c>, when the target is not shown.</param>
/// <param name="ForwardQuery">Whether the query string the short link is followed with is appended to the target's.</param>
/// <param name="Rules">Its redirect rules, in order; empty when it has none, and, like <c>url</c>, when the target is not shown.</param>
internal sealed record LinkResponse(
    string Code, string ShortUrl, string? Url, string? DisplayUrl, DateTime CreatedAt, long Clicks, DateTime? ExpiresAt, long? MaxClicks, bool HasPassword,
    string? Title,
    IReadOnlyList<string> Tags,
    bool ForwardQuery,
    IReadOnlyList<RedirectRule> Rules)
{
    /// <param name="link">The stored link.</param>
    /// <param name="shortUrlBase">The base of short links, ending in '/'.</param>
    /// <param name="showProtectedTarget">Whether <c>url</c> may show the target of a password-protected link.</param>
    public static LinkResponse From(Link link, string shortUrlBase, bool showProtectedTarget = false)
    {
        var url = link.PasswordHash is null || showProtectedTarget ? link.Url : null;
        return new(
            link.Code,
            shortUrlBase + link.Code,
            url,
            url is null ? null : Links.DisplayUrl.Of(url),
            link.CreatedAt,
            link.Clicks,
            link.ExpiresAt,
            link.MaxClicks,
            link.PasswordHash is not null,
            url is null ? null : link.Title,
            url is null ? [] : link.Tags ?? [],
            link.ForwardQuery,
            url is null ? [] : RedirectRulesInput.FromStored(link.RedirectRules));
    }
}
