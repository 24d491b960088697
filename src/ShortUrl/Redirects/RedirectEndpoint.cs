using ShortUrl.Clicks;
namespace ShortUrl.Redirects;

/// <summary>
/// <c>GET</c> and <c>HEAD /{code}</c>: the hot path. A cache lookup, a header (the query string forwarded, a redirect
/// rule chosen: <see cref="RedirectLocation"/>), a click queued; nothing else.
/// </summary>
internal static class RedirectEndpoint
{
    public static async ValueTask<Results<RedirectHttpResult, ProblemHttpResult, ContentHttpResult>> Redirect(
        string code, HttpContext context, LinkService links, ClickQueue clicks, IOptions<ShortUrlOptions> options, ShortUrlMetrics metrics)
    {
        var target = await links.ResolveAsync(code, context.RequestAborted);
        if (target is null)
        {
            metrics.LinkNotFound();
            NotFoundRequests.Count(context, OrphanKind.InvalidShortUrl);
            if (options.Value.NotFoundRedirects.For(OrphanKind.InvalidShortUrl) is { } elsewhere)
            {
                return TypedResults.Redirect(elsewhere);
            }

            return ContentNegotiation.PrefersHtml(context.Request) ? RedirectPages.LinkNotFound(code) : Problems.NotFound(code);
        }

        if (target.Guard is { } guard)
        {
            return await GuardedRedirect.FollowAsync(code, target, guard, context, options.Value.RedirectStatusCode, metrics);
        }

        // HEAD is how link checkers and unfurlers look; only a GET is someone following the link.
        if (HttpMethods.IsGet(context.Request.Method))
        {
            clicks.Record(target, context.Request.Headers, address: context.Connection.RemoteIpAddress);
        }

        metrics.Redirected();
        return RedirectTo(RedirectLocation.For(target, context), options.Value.RedirectStatusCode);
    }

    internal static RedirectHttpResult RedirectTo(string location, int status) =>
        TypedResults.Redirect(location, permanent: status is 301 or 308, preserveMethod: status is 307 or 308);
}

/// <summary>Route constraint: only a path segment that could be a code reaches the redirect (so <c>/app.js</c> stays a file).</summary>
internal sealed class ShortCodeRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string code && Codes.IsWellFormed(code);
}
