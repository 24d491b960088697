namespace ShortUrl.Data;

/// <summary>What a redirect reads of a link: its row, for counting clicks, and where it points.</summary>
public readonly record struct LinkTarget(long Id, string Url);
