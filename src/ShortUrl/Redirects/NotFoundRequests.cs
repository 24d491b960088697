using ShortUrl.Clicks;

namespace ShortUrl.Redirects;

/// <summary>
/// Requests that find no link, besides unknown codes (which <see cref="RedirectEndpoint"/> handles): the base URL when
/// <c>ShortUrl:NotFoundRedirects:BaseUrl</c> sends it elsewhere, and paths that nothing serves. Each GET is counted as an
/// orphan visit (a HEAD only looks) and, where a redirect is configured for its kind, sent there with a 302.
/// </summary>
internal static class NotFoundRequests
{
    /// <summary>
    /// Before the page's default file: <c>/</c> is the page unless a base URL redirect is configured, and only then an
    /// orphan visit (as on Shlink, where the base URL of the short domain is not the app).
    /// </summary>
    public static IApplicationBuilder UseBaseUrlRedirect(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        if (request.Path.Value is "/" or "" && IsGetOrHead(request)
            && context.RequestServices.GetRequiredService<IOptions<ShortUrlOptions>>().Value.NotFoundRedirects.For(OrphanKind.BaseUrl) is { } target)
        {
            return Answer(context, OrphanKind.BaseUrl, target);
        }

        return next(context);
    });

    /// <summary>
    /// Last before the endpoints: a GET or HEAD that no endpoint, file or page took is a regular 404. Paths under
    /// <c>/api/</c> are counted too, but keep their problem answer rather than a redirect meant for people.
    /// </summary>
    public static IApplicationBuilder UseRegular404s(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint() is not null || !IsGetOrHead(context.Request))
        {
            return next(context);
        }

        var target = context.Request.Path.StartsWithSegments("/api")
            ? null
            : context.RequestServices.GetRequiredService<IOptions<ShortUrlOptions>>().Value.NotFoundRedirects.For(OrphanKind.Regular404);
        if (target is null)
        {
            Count(context, OrphanKind.Regular404);
            return next(context);
        }

        return Answer(context, OrphanKind.Regular404, target);
    });

    /// <summary>Counts a GET as an orphan visit of <paramref name="kind"/>.</summary>
    public static void Count(HttpContext context, OrphanKind kind)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            context.RequestServices.GetRequiredService<ClickQueue>().RecordOrphan(kind, context.Request);
        }
    }

    private static Task Answer(HttpContext context, OrphanKind kind, string target)
    {
        Count(context, kind);
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    private static bool IsGetOrHead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
}
