using System.Net;
using Microsoft.Extensions.Primitives;

namespace ShortUrl.Clicks;

/// <summary>
/// One followed link as the redirect hands it over: the headers as Kestrel parsed them (references, not copies) and
/// the time. Everything else, classifying the user agent and cutting the referrer down to its host, happens in the
/// click writer.
/// </summary>
/// <param name="LinkId">The link's row.</param>
/// <param name="UtcTicks">When, in UTC ticks.</param>
/// <param name="Referrer">The <c>Referer</c> header as sent.</param>
/// <param name="UserAgent">The <c>User-Agent</c> header as sent.</param>
/// <param name="ClickCounted">The click is already in the link's count (a link with a click limit counts as it
/// redirects), so only the visit is left to record.</param>
/// <param name="Address">The visitor's address as the connection (or a trusted proxy) gave it: held only until the writer
/// has looked up its country, never stored.</param>
/// <param name="Orphan">For a request that found no link (then <paramref name="LinkId"/> is 0): what kind, and its path.</param>
internal readonly record struct Visit(
    long LinkId, long UtcTicks, StringValues Referrer, StringValues UserAgent, bool ClickCounted, IPAddress? Address = null, OrphanRequest? Orphan = null);

/// <summary>A request that found no link, as the orphan visits keep it.</summary>
internal sealed record OrphanRequest(OrphanKind Kind, string Path);
