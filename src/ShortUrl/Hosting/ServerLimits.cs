using Microsoft.AspNetCore.Server.Kestrel.Core;
namespace ShortUrl.Hosting;

/// <summary>
/// Kestrel's request limits, chosen for this service rather than left at the framework's defaults: nothing it serves
/// needs a large body, a long request line or many headers, and a client that sends them is rejected early.
/// </summary>
internal static class ServerLimits
{
    /// <summary>The create body's limit; an endpoint that takes files raises the limit for itself.</summary>
    public const long MaxRequestBodyBytes = BoundedBody.MaxBytes;

    /// <summary>Paths are at most a 64-character alias; the rest is room for query strings (414 beyond).</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>All headers together, cookies included (431 beyond).</summary>
    public const int MaxRequestHeadersBytes = 16 * 1024;

    public const int MaxRequestHeaderCount = 64;

    /// <summary>A client gets this long to send its headers, so slow senders cannot hold connections open.</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    public static void Apply(KestrelServerOptions kestrel)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = MaxRequestHeadersBytes;
        kestrel.Limits.MaxRequestHeaderCount = MaxRequestHeaderCount;
        kestrel.Limits.RequestHeadersTimeout = RequestHeadersTimeout;
    }
}
