using Microsoft.Extensions.Diagnostics.HealthChecks;
namespace ShortUrl.Clicks;

/// <summary>
/// Ready only while the click writer keeps up: no visit has waited for the database longer than <see cref="MaxWait"/>
/// plus two write intervals, and fewer than <see cref="MaxVisits"/> wait. A writer that falls behind holds clicks in
/// memory that a crash would lose, and a balancer should send traffic elsewhere until it catches up.
/// </summary>
internal sealed class ClickWriterHealthCheck(ClickQueue queue, IOptions<ShortUrlOptions> options) : IHealthCheck
{
    /// <summary>Well past the writer's longest rest after a slow write, so only a writer that is stuck or failing trips it.</summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>Twice what the writer writes at once however long its rest.</summary>
    internal const long MaxVisits = 2L * ClickWriter.MaxPendingVisits;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (visits, oldestWait) = queue.Backlog();
        var maxWait = MaxWait + 2 * TimeSpan.FromMilliseconds(options.Value.ClickWriteIntervalMilliseconds);
        return Task.FromResult(oldestWait > maxWait || visits >= MaxVisits
            ? HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture,
                $"The click writer is behind: {visits} {(visits == 1 ? "visit waits" : "visits wait")} for the database, the oldest for {(long)oldestWait.TotalSeconds} seconds."))
            : HealthCheckResult.Healthy("The click writer keeps up."));
    }
}
