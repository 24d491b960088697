using ShortUrl.Analytics;
using ShortUrl.Data;

namespace ShortUrl.Redirects;

/// <summary>
/// Drains <see cref="ClickQueue"/> into the store: whatever has queued up since the last write is added up by link and
/// kind of visit (<see cref="VisitTally"/>) and goes in one transaction, so the batch grows with the load. On shutdown it writes what is left before the process exits.
/// </summary>
public sealed partial class ClickWriter(ClickQueue queue, IUrlStore store, ILogger<ClickWriter> logger) : BackgroundService
{
    private const int MaxBatch = 50_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new VisitTally();
        var pendingClicks = 0;
        try
        {
            // A failed write leaves its clicks pending: retry them without waiting for the next click.
            while (pendingClicks > 0 || await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                pendingClicks += Drain(pending);
                pendingClicks = await TryWriteAsync(pending, pendingClicks, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through and write what is left.
        }

        pendingClicks += Drain(pending, int.MaxValue);
        for (var attempt = 0; pendingClicks > 0 && attempt < 5; attempt++)
        {
            pendingClicks = await TryWriteAsync(pending, pendingClicks, CancellationToken.None);
        }
    }

    private int Drain(VisitTally pending, int max = MaxBatch)
    {
        var drained = 0;
        while (drained < max && queue.Reader.TryRead(out var visit))
        {
            pending.Add(visit);
            drained++;
        }

        return drained;
    }

    /// <returns>Clicks still pending: zero on success, all of them when the write failed (they are retried).</returns>
    private async Task<int> TryWriteAsync(VisitTally pending, int pendingClicks, CancellationToken cancellationToken)
    {
        try
        {
            await store.AddClicksAsync(pending.ClicksByLinkId, pending.Visits, cancellationToken);
            pending.Clear();
            queue.MarkWritten(pendingClicks);
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWriteFailed(e, pendingClicks);
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            return pendingClicks;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Clicks} clicks; keeping them to retry")]
    private partial void LogWriteFailed(Exception exception, int clicks);
}
