using System.Diagnostics;
using Microsoft.Extensions.Options;
using ShortUrl.Hosting;
using ShortUrl.Storage;
namespace ShortUrl.Clicks;

/// <summary>
/// Writes the clicks of <see cref="ClickQueue"/> to the store every <see cref="ShortUrlOptions.ClickWriteIntervalMilliseconds"/>
/// (less often after a slow write: see <see cref="RestAfter"/>), all of a write's visits in one transaction: added up by
/// <see cref="VisitTally"/>, one row per clicked link and one per link and kind of visit (minute, referrer, browser,
/// OS, bot). It takes the queued clicks into the tally every interval, written or not, so that clicks waiting out a
/// rest take a few bytes each. Between writes it folds clicks into the links' own counts
/// (<see cref="IClickSink.FoldClicksAsync"/>). On shutdown, after the server has stopped taking requests, it writes
/// what is left, then folds, before the process exits.
/// </summary>
internal partial class ClickWriter(
    ClickQueue queue,
    IClickSink store,
    IOptions<ShortUrlOptions> options,
    ILogger<ClickWriter> logger,
    ShortUrlMetrics? metrics = null) : BackgroundService
{
    private const int ShutdownAttempts = 5;

    // After a write that took T the writer rests at least RestPerWrite × T. A slow write means clicks spread over many
    // links, each on a page of its own; resting lets the next batch gather more clicks onto each page, which costs the
    // database less per click, so the writer takes a small, bounded share of a core however the clicks fall. MaxRest
    // and MaxPendingVisits bound what a crash can lose, and the memory that clicks waiting to be written take.
    private const int RestPerWrite = 8;
    private static readonly TimeSpan MaxRest = TimeSpan.FromSeconds(3);
    internal const int MaxPendingVisits = 250_000;

    // Folding: a batch of links at a time, in row order round the table, while writes are quick (a slow write means
    // the writer is busy with clicks, which come first), and on a graceful stop as many as a few seconds allow (what is
    // left is still counted, and folded after the next start).
    private const int FoldLinks = 5_000;
    private const int ShutdownFoldLinks = 50_000;
    private static readonly TimeSpan FoldInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ShutdownFoldBudget = TimeSpan.FromSeconds(5);

    private long _foldedUpTo;
    private long _lastFold;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.ClickWriteIntervalMilliseconds);
        var rest = interval;
        var pending = new VisitTally();
        var lastWrite = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                var flushRequested = await queue.WaitForTurnAsync(interval, stoppingToken);
                if (!WritesNow(flushRequested, Stopwatch.GetElapsedTime(lastWrite), rest, pending.Count))
                {
                    queue.TakeClicks(pending);
                    continue;
                }

                var writing = Stopwatch.GetTimestamp();
                var written = await TryWriteAsync(pending);
                lastWrite = Stopwatch.GetTimestamp();
                var took = Stopwatch.GetElapsedTime(writing, lastWrite);
                rest = RestAfter(took, interval);
                if (!written)
                {
                    // Kept in pending, and retried with the next turn's clicks.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
                }
                else if (took < interval && Stopwatch.GetElapsedTime(_lastFold) >= FoldInterval)
                {
                    await TryFoldAsync(FoldLinks);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the server takes no more requests, so what is queued now is all there is.
        }

        for (var attempt = 0; attempt < ShutdownAttempts && !await TryWriteAsync(pending); attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        var folding = Stopwatch.GetTimestamp();
        _foldedUpTo = 0;
        while (Stopwatch.GetElapsedTime(folding) < ShutdownFoldBudget && await TryFoldAsync(ShutdownFoldLinks) && _foldedUpTo != 0)
        {
        }
    }

    /// <summary>
    /// Whether a turn writes: when a flush is waiting, the rest after the last write is over, or the visits taken meanwhile
    /// have reached <see cref="MaxPendingVisits"/>. Otherwise it only takes the queued visits into its tally.
    /// </summary>
    internal static bool WritesNow(bool flushRequested, TimeSpan sinceLastWrite, TimeSpan rest, int pendingVisits) =>
        flushRequested || sinceLastWrite >= rest || pendingVisits >= MaxPendingVisits;

    /// <summary>How long the writer waits after a write that took <paramref name="took"/>: see <see cref="RestPerWrite"/>.</summary>
    internal static TimeSpan RestAfter(TimeSpan took, TimeSpan interval) =>
        TimeSpan.FromTicks(Math.Clamp(took.Ticks * RestPerWrite, interval.Ticks, Math.Max(interval.Ticks, MaxRest.Ticks)));

    /// <summary>Folds the next <paramref name="links"/> links' clicks (see <see cref="IClickSink.FoldClicksAsync"/>).</summary>
    /// <returns>False when the fold failed; it is tried again later, and the clicks are counted meanwhile.</returns>
    private async Task<bool> TryFoldAsync(int links)
    {
        _lastFold = Stopwatch.GetTimestamp();
        try
        {
            // Null: nothing after the last fold, so the next starts from the first row again.
            _foldedUpTo = await store.FoldClicksAsync(_foldedUpTo, links, CancellationToken.None) ?? 0;
            return true;
        }
        catch (Exception e)
        {
            LogFoldFailed(e);
            return false;
        }
    }

    /// <returns>False when the write failed; its clicks stay in <paramref name="pending"/>.</returns>
    private async Task<bool> TryWriteAsync(VisitTally pending)
    {
        var pass = queue.TakeClicks(pending);
        try
        {
            await store.AddClicksAsync(pending.ToBatch(), CancellationToken.None);
        }
        catch (Exception e)
        {
            LogWriteFailed(e, pending.Count);
            return false;
        }

        metrics?.ClicksWritten(pending.Count);
        pending.Clear();
        queue.MarkWritten(pass);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fold counted clicks into the links' counts; trying again later")]
    private partial void LogFoldFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Clicks} visits; keeping them to retry")]
    private partial void LogWriteFailed(Exception exception, long clicks);
}
