using System.Diagnostics;

namespace ShortUrl.Links;

/// <summary>
/// Takes new links into the search index in batches (<see cref="ISearchBacklog"/>), in the background: a create does
/// not wait for the index, and a batch costs the index far less per link than a link on its own. Searches find the links
/// still waiting all the same, by a scan of those alone, so the indexer only has to keep that scan short: it works in
/// batches of <see cref="BatchSize"/> while it is behind, one after the other while nothing else writes, and resting
/// <see cref="RestPerBatch"/> times as long as each took while creates and other writes come (so that it takes a small
/// share of the one writer from them however fast they come), and looks again every <see cref="IdleRest"/> once it has
/// caught up. Links left waiting at a stop stay marked in the database and are indexed after the next start.
/// </summary>
internal sealed partial class SearchIndexer(ISearchBacklog backlog, ILogger<SearchIndexer> logger) : BackgroundService
{
    internal const int BatchSize = 500;
    private const int RestPerBatch = 8;
    private static readonly TimeSpan IdleRest = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FailureRest = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rest = TimeSpan.Zero;
        try
        {
            while (true)
            {
                await Task.Delay(rest, stoppingToken);
                rest = await IndexBatchAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The database went away under a batch: after a failed start the host disposes its services without
            // stopping this loop first. The process is ending; there is nothing to report.
        }
    }

    /// <summary>Indexes one batch; returns how long to rest before the next.</summary>
    private async Task<TimeSpan> IndexBatchAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var batch = await backlog.IndexAsync(BatchSize, stoppingToken);
            return batch.Indexed < BatchSize ? IdleRest
                : batch.Contended ? Stopwatch.GetElapsedTime(started) * RestPerBatch
                : TimeSpan.Zero;
        }
        catch (Exception exception) when (exception is not ObjectDisposedException
            && (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested))
        {
            // The database is unavailable or full: the links stay marked, searches still find them, and the next turn
            // tries again.
            DatabaseFaultLog.Failed(logger, exception, "Could not add new links to the search index",
                "Searches still find them; trying again in a few seconds.");

            return FailureRest;
        }
    }

}
