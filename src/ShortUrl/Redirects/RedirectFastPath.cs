using Microsoft.AspNetCore.Routing.Patterns;
using ShortUrl.Clicks;
using ShortUrl.RedirectIndex;
namespace ShortUrl.Redirects;

/// <summary>
/// <c>GET</c> and <c>HEAD /{code}</c> of a link with nothing to check (no expiry, click limit, password or rules; its
/// query forwarded), answered before routing: the same status, <c>Location</c>, click, metrics and route as
/// <see cref="RedirectEndpoint"/> would give, without matching a route, binding parameters, opening a service scope or
/// executing a result. Everything else (unknown codes, guarded links, links with rules, paths the service itself
/// serves) goes on to the endpoint, which looks the code up again the usual way. See docs/redirect-fast-path.md.
/// </summary>
internal sealed class RedirectFastPath(
    RequestDelegate next, LinkCache cache, ClickQueue clicks, ShortUrlMetrics metrics, IOptions<ShortUrlOptions> options,
    EndpointDataSource endpoints, Codes codes)
{
    // As RedirectEndpoint.RedirectTo turns the configured status into a redirect result.
    private readonly int _status = options.Value.RedirectStatusCode is 301 or 307 or 308 ? options.Value.RedirectStatusCode : 302;
    private Routes? _routes;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if ((isGet || HttpMethods.IsHead(request.Method))
            && request.Path.Value is { Length: > 1 } path
            && Codes.IsWellFormed(path.AsSpan(1))
            && (_routes ??= Routes.Find(endpoints, codes)) is { Follow: { } follow, Check: { } check } routes
            && !routes.Shadowed.Contains(path.AsSpan(1))
            && cache.TryGetPlain(path.AsSpan(1), out var linkId, out var location))
        {
            metrics.CacheLookup(hit: true);
            // HEAD is how link checkers and unfurlers look; only a GET is someone following the link.
            if (isGet)
            {
                clicks.Record(linkId, request.Headers, address: context.Connection.RemoteIpAddress);
            }

            metrics.Redirected();
            // The endpoint the request would have reached, for the server's own metrics (http.route) and anything
            // else that asks which endpoint answered.
            context.SetEndpoint(isGet ? follow : check);
            var response = context.Response;
            response.StatusCode = _status;
            response.Headers.Location = request.QueryString.HasValue ? QueryForwarding.Append(location, request.QueryString.Value) : location;
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>
    /// The redirect's two endpoints, and the single-segment paths that reach something else first: the literal routes
    /// (<c>/health</c>, <c>/metrics</c>, ...) and the names codes may not take (the pages' files, <c>/swagger</c>, ...).
    /// Found once, on the first request, when every endpoint is mapped.
    /// </summary>
    private sealed class Routes
    {
        public Endpoint? Follow { get; private init; }

        public Endpoint? Check { get; private init; }

        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Shadowed { get; private init; }

        public static Routes Find(EndpointDataSource endpoints, Codes codes)
        {
            // Routes match literals without regard to case, as the reserved names do.
            var shadowed = new HashSet<string>(codes.Reserved, StringComparer.OrdinalIgnoreCase);
            foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
            {
                if (endpoint.RoutePattern.PathSegments is [{ Parts: [RoutePatternLiteralPart literal] }])
                {
                    shadowed.Add(literal.Content);
                }
            }

            return new Routes
            {
                Follow = Named(endpoints, "FollowLink"),
                Check = Named(endpoints, "CheckLink"),
                Shadowed = shadowed.GetAlternateLookup<ReadOnlySpan<char>>(),
            };
        }

        private static Endpoint? Named(EndpointDataSource endpoints, string name) =>
            endpoints.Endpoints.FirstOrDefault(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name);
    }
}

internal static class RedirectFastPathExtensions
{
    /// <summary>Before routing: the redirects it answers never reach the route table (see <see cref="RedirectFastPath"/>).</summary>
    public static IApplicationBuilder UseRedirectFastPath(this IApplicationBuilder app) => app.UseMiddleware<RedirectFastPath>();
}
