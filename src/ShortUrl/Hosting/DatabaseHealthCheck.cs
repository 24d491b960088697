using Microsoft.Extensions.Diagnostics.HealthChecks;
using ShortUrl.Storage;

namespace ShortUrl.Hosting;

/// <summary>Healthy when the store answers a trivial query.</summary>
internal sealed class DatabaseHealthCheck(IDatabaseProbe store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The database answers.")
                : HealthCheckResult.Unhealthy("The database gave an unexpected answer.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}
