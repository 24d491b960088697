using ShortUrl.Clicks;

namespace ShortUrl.Stats;

/// <summary>
/// Deletes visit rows and orphan visits older than <c>ShortUrl:Visits:RetentionDays</c>, soon after the start and then
/// every <see cref="Interval"/>: a batch of <see cref="BatchSize"/> of the oldest rows at a time, resting between
/// batches, so that a large backlog never holds the database's write lock for long nor starves the click writer. The
/// counts behind the stats stay.
/// </summary>
internal sealed partial class VisitRetention(
    IVisitLog visits, IOptions<ShortUrlOptions> options, TimeProvider time, ILogger<VisitRetention> logger) : BackgroundService
{
    public const int BatchSize = 5_000;
    internal static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan BatchRest = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Visits.RetentionDays is not { } days)
        {
            return;
        }

        try
        {
            await Task.Delay(FirstRunDelay, time, stoppingToken);
            while (true)
            {
                try
                {
                    var pruned = await PruneAsync(days, stoppingToken);
                    if (pruned > 0)
                    {
                        LogPruned(pruned, days);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPruneFailed(e);
                }

                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Deletes every visit older than <paramref name="days"/> days, a batch at a time; returns how many went.</summary>
    internal async Task<long> PruneAsync(int days, CancellationToken cancellationToken)
    {
        var before = VisitTally.MillisecondsOf(time.GetUtcNow().UtcTicks) - (long)days * 24 * 60 * 60 * 1000;
        long total = 0;
        while (await visits.PruneAsync(before, BatchSize, cancellationToken) is var pruned and > 0)
        {
            total += pruned;
            await Task.Delay(BatchRest, time, cancellationToken);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Visits} visits older than {Days} days")]
    private partial void LogPruned(long visits, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete old visits; trying again later")]
    private partial void LogPruneFailed(Exception exception);
}

internal static class VisitRetentionServices
{
    public static IServiceCollection AddVisitRetention(this IServiceCollection services)
    {
        services.AddSingleton<VisitRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<VisitRetention>());
        return services;
    }
}
