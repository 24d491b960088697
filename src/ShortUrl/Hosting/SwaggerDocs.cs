namespace ShortUrl.Hosting;

/// <summary>
/// The OpenAPI document and Swagger UI under <c>/swagger</c>. The UI page itself answers at <c>/swagger</c> (as well as
/// Swashbuckle's <c>/swagger/index.html</c>), rather than redirecting there, so its assets are named by absolute paths:
/// a page at <c>/swagger</c> would resolve Swashbuckle's relative <c>./swagger-ui.css</c> to <c>/swagger-ui.css</c>.
/// </summary>
internal static class SwaggerDocs
{
    private const string Root = "/swagger";
    private const string UiPage = Root + "/index.html";

    public static IApplicationBuilder UseSwaggerDocs(this IApplicationBuilder app) =>
        // Only under /swagger: the UI's middleware matches every request's path against its own, redirects included.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Root), swagger => swagger
            .Use((context, next) =>
            {
                if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Value is Root or Root + "/")
                {
                    context.Request.Path = UiPage;
                }

                return next(context);
            })
            .UseSwagger()
            .UseSwaggerUI(ui =>
            {
                ui.SwaggerEndpoint(Root + "/v1/swagger.json", "ShortUrl v1");
                ui.StylesPath = Root + "/swagger-ui.css";
                ui.ScriptBundlePath = Root + "/swagger-ui-bundle.js";
                ui.ScriptPresetsPath = Root + "/swagger-ui-standalone-preset.js";
                var page = ui.IndexStream;
                ui.IndexStream = () => WithAbsoluteAssetPaths(page());
            }));

    private static MemoryStream WithAbsoluteAssetPaths(Stream page)
    {
        using var reader = new StreamReader(page);
        var html = reader.ReadToEnd()
            .Replace("href=\"./", $"href=\"{Root}/", StringComparison.Ordinal)
            .Replace("src=\"index.js\"", $"src=\"{Root}/index.js\"", StringComparison.Ordinal);
        return new MemoryStream(Encoding.UTF8.GetBytes(html));
    }
}
