using Microsoft.AspNetCore.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
namespace ShortUrl.Hosting;

/// <summary>
/// OpenTelemetry: the <see cref="ShortUrlMetrics">ShortUrl meter</see>, ASP.NET Core's and the runtime's metrics and
/// Npgsql's pool metrics, exported to Prometheus (<c>/metrics</c>, <see cref="MetricsOptions"/>) and, when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, over OTLP together with traces of requests and PostgreSQL commands
/// (SQLite's driver has no instrumentation). With neither, no OpenTelemetry is registered at all, so nothing listens to
/// the meters and recording costs next to nothing.
/// </summary>
internal static class Telemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ShortUrlMetrics>();

        // Read before the options are bound and validated: a value that does not parse is left to that validation,
        // which stops the start with one line naming it.
        var configuration = builder.Configuration;
        var prometheus = bool.TryParse(configuration[$"{MetricsOptions.SectionName}:Prometheus"], out var on) && on;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        int? port = int.TryParse(configuration[$"{MetricsOptions.SectionName}:Port"], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value is > 0 and <= 65535 ? value : null;
        services.AddSingleton(new Endpoints(prometheus, port));
        if (!prometheus && !otlp)
        {
            return builder;
        }

        if (prometheus && port is { } metricsPort)
        {
            ListenAlsoOn(builder, metricsPort);
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
            {
                resource.AddService("shorturl");
            }
        });
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(ShortUrlMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                // Measurements on every request, redirects included, that an operator does not need: what the route
                // table does, and each rent and return of Kestrel's buffers (the GC's metrics tell the memory).
                .AddView("aspnetcore.routing.match_attempts", MetricStreamConfiguration.Drop)
                .AddView("aspnetcore.memory_pool.rented", MetricStreamConfiguration.Drop)
                .AddView("aspnetcore.memory_pool.pooled", MetricStreamConfiguration.Drop);
            if (prometheus)
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsOperatorsPath(context.Request.Path))
                .AddNpgsql()
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>
    /// With <see cref="MetricsOptions.Port"/>: that port answers <c>/metrics</c> and 404 to everything else, before any
    /// other middleware (the page's files, the API) sees the request.
    /// </summary>
    public static WebApplication UseMetricsPort(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Endpoints>() is { Prometheus: true, Port: { } port })
        {
            app.MapWhen(context => context.Connection.LocalPort == port, metricsPort =>
            {
                metricsPort.UseOpenTelemetryPrometheusScrapingEndpoint();
                metricsPort.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                });
            });
        }

        return app;
    }

    /// <summary>
    /// Without <see cref="MetricsOptions.Port"/>: <c>/metrics</c> on the service's port, for admin keys. Otherwise (and
    /// when Prometheus is off) <c>/metrics</c> there is an unknown link, 404.
    /// </summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Endpoints>() is { Prometheus: true, Port: null })
        {
            app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new AccessRule(null, AdminOnly: true));
        }

        return app;
    }

    /// <summary>
    /// What <c>/metrics</c> the configuration asks for, as read while the service is built, so that mapping it does not
    /// validate <see cref="MetricsOptions"/> before the start does (which reports a bad value in one line).
    /// </summary>
    internal sealed record Endpoints(bool Prometheus, int? Port);

    private static bool IsOperatorsPath(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal);

    /// <summary>
    /// Adds <paramref name="port"/> on every address the service listens on (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, or
    /// <c>ASPNETCORE_HTTP_PORTS</c> as in the container image, or Kestrel's default), so that the metrics port is
    /// reachable exactly where the service is.
    /// </summary>
    private static void ListenAlsoOn(WebApplicationBuilder builder, int port)
    {
        var configuration = builder.Configuration;
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        var httpPorts = configuration[WebHostDefaults.HttpPortsKey];
        IEnumerable<string> listening =
            !string.IsNullOrWhiteSpace(urls) ? urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : !string.IsNullOrWhiteSpace(httpPorts) ? httpPorts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}")
            : ["http://localhost:5000"];
        var service = listening.ToList();
        var metrics = service.Select(url => BindingAddress.Parse(url)).Select(address => $"http://{address.Host}:{port}").Distinct();
        builder.WebHost.UseUrls([.. service, .. metrics]);
    }
}
