namespace ShortUrl.Storage;

/// <summary>
/// A link with its stats summary and its rules, as the export writes it. <c>IsProtected</c>: the link has a password, so
/// its target is shown only to a holder of an API key (the password itself is kept only as a hash, never exported).
/// </summary>
internal sealed record ExportedLink(
    string Code, string Url, DateTime CreatedAt, long Clicks, long BotClicks, bool IsProtected, DateTime? ExpiresAt, long? MaxClicks,
    string? Title = null,
    string[]? Tags = null,
    bool ForwardQuery = true,
    string? RedirectRules = null);

/// <summary>A link to import: an alias, or null for a generated code, and the rules, title and tags it is created with.</summary>
internal sealed record ImportedLink(string? Alias, string Url, LinkRules Rules, LinkLabels? Labels = null);
