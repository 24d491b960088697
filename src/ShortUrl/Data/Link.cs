namespace ShortUrl.Data;

/// <summary>A stored short link.</summary>
public sealed record Link(long Id, string Code, string Url, DateTime CreatedAt, long Clicks);
