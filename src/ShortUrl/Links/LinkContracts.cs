using ShortUrl.Data;

namespace ShortUrl.Links;

/// <summary>The body of <c>POST /api/urls</c>, as JSON or form fields.</summary>
/// <param name="Url">The absolute http or https URL to shorten.</param>
/// <param name="Alias">Optional custom code: 3-64 of A-Z, a-z, 0-9, '-' and '_'.</param>
public sealed record CreateLinkRequest(string? Url, string? Alias);

/// <summary>A short link as the API shows it.</summary>
/// <param name="Code">The code after the slash; case-sensitive.</param>
/// <param name="ShortUrl">The full short link.</param>
/// <param name="Url">The target the short link redirects to.</param>
/// <param name="CreatedAt">When it was created, UTC.</param>
/// <param name="Clicks">Redirects served so far.</param>
public sealed record LinkResponse(string Code, string ShortUrl, string Url, DateTime CreatedAt, long Clicks)
{
    public static LinkResponse From(Link link, string shortUrlBase) =>
        new(link.Code, shortUrlBase + link.Code, link.Url, link.CreatedAt, link.Clicks);
}
