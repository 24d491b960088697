namespace ShortUrl.Storage;

/// <summary>A link without expiry, click limit, password or redirect rules, which forwards queries: all the redirect index needs of it.</summary>
internal sealed record PlainLink(long Id, string Code, string Url);
