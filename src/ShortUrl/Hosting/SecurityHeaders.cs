using Microsoft.Extensions.Primitives;
namespace ShortUrl.Hosting;

/// <summary>
/// The headers every response carries. The values are built once; a request only copies references into the
/// response headers, so the redirect path pays no allocation for them.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The policy the browser client in <c>wwwroot</c> is written for: no inline script or style.</summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// Swagger UI runs only its own scripts from <c>/swagger</c>, but inserts <c>&lt;style&gt;</c> elements from them, shows
    /// data: images and calls the API it documents, so it gets a policy of its own rather than the page's (a test runs it
    /// in Chromium under both).
    /// </summary>
    public const string SwaggerPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>
    /// Following a short link sends the target what the browser sends by default, the linking page's origin and never
    /// its path: sites can still tell where visitors come from, and a linking page that leaks full URLs is capped.
    /// </summary>
    public const string RedirectReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>The service's own pages and API have nothing to tell other sites.</summary>
    public const string ReferrerPolicy = "no-referrer";

    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues Deny = "DENY";
    private static readonly StringValues Page = PagePolicy;
    private static readonly StringValues Swagger = SwaggerPolicy;
    private static readonly StringValues NoReferrer = ReferrerPolicy;
    private static readonly StringValues RedirectReferrer = RedirectReferrerPolicy;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            Apply(context);
            return next(context);
        });

    /// <summary>Sets the headers on <paramref name="context"/>'s response; safe to call again after they were cleared.</summary>
    public static void Apply(HttpContext context)
    {
        var path = context.Request.Path;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = NoSniff;
        headers.XFrameOptions = Deny;
        headers.ContentSecurityPolicy = path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase) ? Swagger : Page;
        headers["Referrer-Policy"] = IsShortLinkPath(path) ? RedirectReferrer : NoReferrer;
    }

    /// <summary>
    /// A single path segment that could be a code: the requests the redirect endpoint answers (and a few, like
    /// <c>/health</c>, that no browser navigates to). Decided from the path so that it costs nothing.
    /// </summary>
    private static bool IsShortLinkPath(PathString path) =>
        path.Value is { Length: > 1 } value && Codes.IsWellFormed(value.AsSpan(1));
}
