namespace ShortUrl.Peers;

/// <summary>
/// CORS as Shlink answers it, so that the Shlink web client, served from another origin, can call <c>/rest</c>, and
/// browser tools (bookmarklets, extensions) the other peers' APIs: any origin, no credentials (keys travel in headers or
/// parameters, never cookies); a preflight is answered at once with 204, the methods, the headers it asked for, and an
/// hour to remember them. Only the peers' prefixes: the native API keeps its same-origin answers.
/// </summary>
internal static class PeerCors
{
    private const string Methods = "GET,POST,PUT,PATCH,DELETE";

    public static IApplicationBuilder UsePeerCors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!IsPeerPath(request.Path) || !request.Headers.ContainsKey("Origin"))
        {
            await next(context);
            return;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        if (HttpMethods.IsOptions(request.Method))
        {
            headers.AccessControlAllowMethods = Methods;
            headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders;
            headers.AccessControlMaxAge = "3600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        // The exception handler clears headers before it writes a problem; set it again as the response starts.
        context.Response.OnStarting(() =>
        {
            headers.AccessControlAllowOrigin = "*";
            return Task.CompletedTask;
        });
        await next(context);
    });

    private static bool IsPeerPath(PathString path) =>
        path.StartsWithSegments("/rest") || path.StartsWithSegments("/api/v2") || path.StartsWithSegments("/v4")
        || path.StartsWithSegments("/yourls-api.php");
}
