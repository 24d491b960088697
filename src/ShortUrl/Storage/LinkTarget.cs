namespace ShortUrl.Storage;

/// <summary>
/// What a redirect reads of a link: its row, for counting clicks, where it points, and its rules (all null or false
/// for a plain link).
/// </summary>
internal readonly record struct LinkTarget(long Id, string Url, DateTime? ExpiresAt, long? MaxClicks, bool HasPassword)
{
    public bool ForwardQuery { get; init; } = true;

    /// <summary>The redirect rules as stored (a JSON array); null for none.</summary>
    public string? RedirectRules { get; init; }
}
