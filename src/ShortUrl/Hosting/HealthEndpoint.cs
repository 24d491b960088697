using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShortUrl.Hosting;

/// <summary>
/// <c>GET /health</c>: <c>200</c> with the plain <c>Healthy</c> that load balancers and Docker's HEALTHCHECK look for,
/// or <c>503</c> as a problem, like every other error, saying what failed.
/// </summary>
internal static class HealthEndpoint
{
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync });

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
