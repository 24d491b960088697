namespace ShortUrl.Hosting;

/// <summary><c>ShortUrl:Visits</c>: how long each visit's row is kept.</summary>
internal sealed class VisitOptions
{
    /// <summary>Visit rows and orphan visits older than this many days are deleted; unset (the default) keeps them.</summary>
    public int? RetentionDays { get; set; }

    public IEnumerable<string> Problems()
    {
        if (RetentionDays is < 1 or > 36_500)
        {
            yield return "ShortUrl:Visits:RetentionDays must be a whole number of days from 1 to 36500, or unset to keep every visit.";
        }
    }
}

/// <summary>
/// <c>ShortUrl:NotFoundRedirects</c>, as Shlink's NOT_FOUND_REDIRECTS: where a request that finds no link is sent,
/// per kind, instead of the 404. Each unset one keeps the 404 (and the page at the base URL).
/// </summary>
internal sealed class NotFoundRedirectOptions
{
    /// <summary>A path shaped like a code that no link has.</summary>
    public string? InvalidShortUrl { get; set; }

    /// <summary>Any other path nothing serves.</summary>
    public string? Regular404 { get; set; }

    /// <summary>The base URL <c>/</c>: set, it redirects there instead of serving the page (still at <c>/index.html</c>).</summary>
    public string? BaseUrl { get; set; }

    public IEnumerable<string> Problems()
    {
        foreach (var (key, value) in new[] { (nameof(InvalidShortUrl), InvalidShortUrl), (nameof(Regular404), Regular404), (nameof(BaseUrl), BaseUrl) })
        {
            if (!string.IsNullOrWhiteSpace(value)
                && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0))
            {
                yield return $"ShortUrl:NotFoundRedirects:{key} must be an absolute http or https URL, not '{value}'.";
            }
        }
    }

    /// <summary>Where requests of this kind go; null for the 404.</summary>
    public string? For(Storage.OrphanKind kind) => (kind switch
    {
        Storage.OrphanKind.BaseUrl => BaseUrl,
        Storage.OrphanKind.InvalidShortUrl => InvalidShortUrl,
        _ => Regular404,
    }) is { Length: > 0 } url && !string.IsNullOrWhiteSpace(url) ? new Uri(url).AbsoluteUri : null;
}
