namespace ShortUrl.Peers.Shlink;

/// <summary>
/// CORS as Shlink answers it, so that the Shlink web client, served from another origin, can call <c>/rest</c>: any
/// origin, no credentials; a preflight is answered at once with 204, the methods, the headers it asked for, and an hour
/// to remember them. Only under <c>/rest</c>: the native API keeps its same-origin answers.
/// </summary>
internal static class ShlinkCors
{
    private const string Methods = "GET,POST,PUT,PATCH,DELETE";

    public static IApplicationBuilder UseShlinkCors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/rest") || !request.Headers.ContainsKey("Origin"))
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
}
