using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShortUrl.Clicks;

namespace ShortUrl.Hosting;

/// <summary>
/// <c>GET /health/live</c>: the process answers (a restart is what helps otherwise). <c>GET /health/ready</c>: the
/// database answers and accepts a write, and the click writer keeps up (send traffic elsewhere otherwise).
/// <c>GET /health</c>: the summary, the same as ready. Each answers <c>200</c> with the plain <c>Healthy</c> that load
/// balancers and Docker's HEALTHCHECK look for, or <c>503</c> as a problem, like every other error, saying what failed.
/// </summary>
internal static class HealthEndpoint
{
    private const string Ready = "ready";

    public static IHealthChecksBuilder AddHealth(this IServiceCollection services)
    {
        // Singletons, so that the database check's write is shared between requests.
        services.AddSingleton<DatabaseHealthCheck>();
        services.AddSingleton<ClickWriterHealthCheck>();
        return services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<ClickWriterHealthCheck>("clicks", tags: [Ready]);
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", Checks(check => check.Tags.Contains(Ready)));
        app.MapHealthChecks("/health/ready", Checks(check => check.Tags.Contains(Ready)));
        app.MapHealthChecks("/health/live", Checks(_ => false));
        return app;
    }

    private static HealthCheckOptions Checks(Func<HealthCheckRegistration, bool> predicate) =>
        new() { Predicate = predicate, ResponseWriter = WriteAsync };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        if (report.Status != HealthStatus.Unhealthy)
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(report.Status.ToString());
        }

        var failures = report.Entries.Values.Where(entry => entry.Status == HealthStatus.Unhealthy).Select(entry => entry.Description);
        return TypedResults.Problem(
            title: "Service Unavailable",
            detail: string.Join(" ", failures),
            statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
    }
}
