namespace ShortUrl.Storage;

/// <summary>A stored short link.</summary>
/// <param name="Id">The row.</param>
/// <param name="Code">The generated code or the alias.</param>
/// <param name="Url">The target.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="Clicks">Clicks written so far.</param>
/// <param name="ExpiresAt">From when it answers 410 Gone; null when it never expires.</param>
/// <param name="MaxClicks">After how many clicks it answers 410 Gone; null when there is no limit.</param>
/// <param name="PasswordHash">The salted hash of its password (<see cref="Links.LinkPasswords"/>); null when it has none.</param>
/// <param name="CreatedBy">The name of the API key that created it; null when it was created without one.</param>
/// <param name="Title">Its title (at most 512 characters); null when it has none.</param>
/// <param name="Tags">Its tags, normalised, in the order they were given; null is read as none.</param>
/// <param name="ForwardQuery">Whether a redirect appends the short link's query string to the target's.</param>
/// <param name="RedirectRules">Its redirect rules as stored (a JSON array, <see cref="Redirects.RedirectRuleSet"/>); null when it has none.</param>
internal sealed record Link(
    long Id, string Code, string Url, DateTime CreatedAt, long Clicks,
    DateTime? ExpiresAt = null, long? MaxClicks = null, string? PasswordHash = null, string? CreatedBy = null,
    string? Title = null,
    string[]? Tags = null,
    bool ForwardQuery = true,
    string? RedirectRules = null);
