using Microsoft.AspNetCore.HostFiltering;
using Microsoft.OpenApi;
using ShortUrl.Clicks;
using ShortUrl.Peers;
using ShortUrl.Portability;
using ShortUrl.RedirectIndex;
using ShortUrl.Redirects;
using ShortUrl.Stats;
using ShortUrl.Storage.Migrations;
using ShortUrl.Tags;
using ShortUrl.Titles;
namespace ShortUrl.Hosting;

/// <summary>The app as a list of its features, each registering its own services and mapping its own routes.</summary>
internal static class ShortUrlServices
{
    /// <summary>
    /// The builder of the service and of its commands. The content root is where the binaries are, so the page, the
    /// migrations and the default database are found whatever the working directory.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) => WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory,
    });

    public static WebApplicationBuilder AddShortUrl(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ShortUrlOptions>()
            .BindConfiguration(ShortUrlOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ApiKeys = ConfiguredApiKey.ReadAll(configuration.GetSection($"{ShortUrlOptions.SectionName}:{nameof(ShortUrlOptions.ApiKeys)}")))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddUrlStore();

        // Hosted services start in this order and stop in reverse: the schema is ready before the first request, and
        // the click writer drains after the server has stopped taking requests.
        services.AddHostedService<MigrationRunner>();
        services.AddRedirectIndex();
        services.AddClicks();
        services.AddLinks(builder.Environment);
        services.AddTitles();
        services.AddPortability();
        services.AddAccess();
        services.AddRedirects();
        services.AddVisitRetention();
        services.AddPeers();
        builder.AddTelemetry();

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Detail ??= Problems.DefaultDetail(context.ProblemDetails.Status);
            // The exception handler clears the response's headers before it writes its problem.
            SecurityHeaders.Apply(context.HttpContext);
        });
        services.AddExceptionHandler<DatabaseFaultHandler>();
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddHealth();
        services.AddTrustedProxies();
        services.AddSingleton<IValidateOptions<HostFilteringOptions>, AllowedHostsValidation>();
        services.AddOptions<HostFilteringOptions>().ValidateOnStart();
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SupportNonNullableReferenceTypes();
            swagger.OperationFilter<AlternativeBodyFilter>();
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ShortUrl",
                Version = "v1",
                Description = "A self-hosted URL shortener: create short links, list them, follow them.",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, "ShortUrl.xml");
            if (File.Exists(xml))
            {
                swagger.IncludeXmlComments(xml);
            }
        });

        builder.WebHost.ConfigureKestrel(ServerLimits.Apply);
        builder.WebHost.ConfigureKestrel(SocketCompletions.InlineKestrelsSockets);
        return builder;
    }

    public static WebApplication MapShortUrl(this WebApplication app)
    {
        app.UseUnreadBodyDrain();
        app.UseSecurityHeaders();
        app.UseMetricsPort();
        app.UseTrustedProxies(app.Configuration);
        app.UseExceptionHandler();
        // The redirects of plain links are answered here, before routing; routing is placed right after it, where
        // everything below still finds the endpoint set.
        app.UseRedirectFastPath();
        app.UseRouting();
        app.UseStatusCodePages();
        app.UseSwaggerDocs();
        app.UseBaseUrlRedirect();
        app.UseDefaultFiles();
        app.UseStaticFiles(StaticFiles.Options);
        app.UsePeers();
        app.UseAccess();
        app.UseRateLimiter();
        app.UseRegular404s();

        app.MapAccess();
        var links = app.MapGroup("/api/urls").WithTags("Links");
        links.MapLinks();
        links.MapLinkSearch();
        links.MapStats();
        links.MapVisits();
        app.MapTags();
        app.MapOrphanVisits();
        app.MapPortability();
        app.MapQrCodes();
        app.MapHealth();
        app.MapMetrics();
        app.MapPeers();
        app.MapRedirects();
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Services.GetRequiredService<PublicAddress>().WarnWhenClientChosen(app.Logger, app.Environment));
        return app;
    }
}
