using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using ShortUrl.Access;
using ShortUrl.Clicks;
using ShortUrl.Links;
using ShortUrl.Portability;
using ShortUrl.RedirectIndex;
using ShortUrl.Redirects;
using ShortUrl.Stats;
using ShortUrl.Storage;
using ShortUrl.Storage.Migrations;
namespace ShortUrl.Hosting;

/// <summary>The service's registrations, so that Program.cs reads as a list of what the app is made of.</summary>
public static class ShortUrlServices
{
    public const string CreateRateLimitPolicy = "create";

    public static WebApplicationBuilder AddShortUrl(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ShortUrlOptions>()
            .BindConfiguration(ShortUrlOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddUrlStore();
        services.AddSingleton(sp => new Codes(
            sp.GetRequiredService<IOptions<ShortUrlOptions>>().Value.CodeLength,
            ServedNames(builder.Environment)));
        services.AddSingleton<PublicAddress>();
        services.AddSingleton(sp => new LinkIndex(sp.GetRequiredService<IOptions<ShortUrlOptions>>().Value.LinkIndexSize));
        services.AddSingleton<LinkCache>();
        services.AddSingleton<LinkService>();
        services.AddSingleton<ClickQueue>();
        services.AddSingleton<LinkImporter>();

        // Hosted services start in this order and stop in reverse: the schema is ready before the first request, and
        // the click writer drains after the server has stopped taking requests.
        services.AddHostedService<MigrationRunner>();
        services.AddHostedService<LinkIndexLoader>();
        services.AddHostedService<ClickWriter>();
        services.AddLinkLifecycle();

        services.AddRouting(routing => routing.ConstraintMap["shortcode"] = typeof(ShortCodeRouteConstraint));
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJsonContext.Default));
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Detail ??= Problems.DefaultDetail(context.ProblemDetails.Status);
            // The exception handler clears the response's headers before it writes its problem.
            SecurityHeaders.Apply(context.HttpContext);
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectWithProblemAsync;
            limiter.AddPolicy(CreateRateLimitPolicy, context =>
            {
                var rate = context.RequestServices.GetRequiredService<IOptions<ShortUrlOptions>>().Value.RateLimit;
                return rate.PermitLimit == 0
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        ClientAddress.PartitionKey(context.Connection.RemoteIpAddress),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = rate.PermitLimit,
                            Window = TimeSpan.FromSeconds(rate.WindowSeconds),
                            QueueLimit = 0,
                        });
            });
        });

        services.AddTrustedProxies();
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
        return builder;
    }

    public static WebApplication MapShortUrl(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseTrustedProxies(app.Configuration);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwaggerDocs();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();

        app.MapUrls();
        app.MapLinkLifecycle();
        app.MapStats();
        app.MapPortability();
        app.MapQrCodes();
        app.MapHealth();
        app.MapRedirects();
        return app;
    }

    private static async ValueTask RejectWithProblemAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 60;
        context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var detail = $"Too many links created from your address; try again in {retryAfter} seconds.";
        IResult rejection = HtmlPages.IsBrowserFormPost(context.Request)
            ? HtmlPages.CreateFailed(StatusCodes.Status429TooManyRequests, detail, null, null)
            : TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                type: "https://tools.ietf.org/html/rfc6585#section-4");
        await rejection.ExecuteAsync(context);
    }

    /// <summary>Top-level names in the web root: an alias equal to one would hide a file of the client.</summary>
    private static IEnumerable<string> ServedNames(IWebHostEnvironment environment) =>
        environment.WebRootFileProvider.GetDirectoryContents("/").Select(entry => entry.Name).ToList();
}
