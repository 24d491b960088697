using Microsoft.Extensions.Primitives;

namespace ShortUrl.Redirects;

/// <summary>
/// One followed link as the redirect hands it over: the headers as Kestrel parsed them (references, not copies) and
/// the time. Everything else, classifying the user agent and cutting the referrer down to its host, happens in the
/// click writer.
/// </summary>
public readonly record struct Visit(long LinkId, long UtcTicks, StringValues Referrer, StringValues UserAgent);
