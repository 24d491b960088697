using System.Diagnostics;
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
    VisitCountries? countries = null,
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

    // Retrying after a failed write: FirstRetry, then twice as long after each failure up to MaxRetry, so that a
    // database that is down for long is asked a few times a minute, and one that blinked is written to at once.
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);

    private long _foldedUpTo;
    private long _lastFold;
    private int _failedWrites;
    private long _failingSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.ClickWriteIntervalMilliseconds);
        var rest = interval;
        var pending = new VisitTally(countries, options.Value.MaxPendingVisits);
        var lastWrite = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                var flushRequested = await queue.WaitForTurnAsync(interval, stoppingToken);
                if (!WritesNow(flushRequested, Stopwatch.GetElapsedTime(lastWrite), rest, pending.Count, _failedWrites > 0))
                {
                    TakeClicks(pending);
                    continue;
                }

                var writing = Stopwatch.GetTimestamp();
                var written = await TryWriteAsync(pending);
                lastWrite = Stopwatch.GetTimestamp();
                var took = Stopwatch.GetElapsedTime(writing, lastWrite);
                // Kept in pending after a failure, and retried after the backoff with the clicks taken meanwhile.
                rest = written ? RestAfter(took, interval) : Backoff(_failedWrites, interval);
                if (written && took < interval && Stopwatch.GetElapsedTime(_lastFold) >= FoldInterval)
                {
                    await TryFoldAsync(FoldLinks);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the server takes no more requests, so what is queued now is all there is.
        }

        var stored = await TryWriteAsync(pending);
        for (var attempt = 1; attempt < ShutdownAttempts && !stored; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            stored = await TryWriteAsync(pending);
        }

        if (!stored)
        {
            // Memory is all they have, and the process is ending: say what is lost rather than that it is kept.
            LogLostOnStop(pending.Count, ShutdownAttempts);
            return;
        }

        var folding = Stopwatch.GetTimestamp();
        _foldedUpTo = 0;
        while (Stopwatch.GetElapsedTime(folding) < ShutdownFoldBudget && await TryFoldAsync(ShutdownFoldLinks) && _foldedUpTo != 0)
        {
        }
    }

    /// <summary>
    /// How long the writer waits before trying again after <paramref name="failedWrites"/> writes in a row failed: twice
    /// as long after each, from <see cref="FirstRetry"/> up to <see cref="MaxRetry"/>, and never less than the interval.
    /// </summary>
    internal static TimeSpan Backoff(int failedWrites, TimeSpan interval)
    {
        var doublings = Math.Clamp(failedWrites - 1, 0, 16);
        var wait = Math.Min(FirstRetry.Ticks << doublings, MaxRetry.Ticks);
        return TimeSpan.FromTicks(Math.Max(wait, interval.Ticks));
    }

    /// <summary>
    /// Whether a turn writes: when a flush is waiting, the rest after the last write is over, or the visits taken meanwhile
    /// have reached <see cref="MaxPendingVisits"/> (unless it is retrying a failed write:
    /// then only a flush or the end of the backoff brings the next, however many wait). Otherwise it only takes the
    /// queued visits into its tally.
    /// </summary>
    internal static bool WritesNow(bool flushRequested, TimeSpan sinceLastWrite, TimeSpan rest, int pendingVisits, bool retrying = false) =>
        flushRequested || sinceLastWrite >= rest || (!retrying && pendingVisits >= MaxPendingVisits);

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
        catch (ObjectDisposedException)
        {
            // The database went away under the fold: after a failed start the host disposes its services without
            // stopping the writer first. The process is ending, and a fold loses nothing; there is nothing to report.
            return false;
        }
        catch (Exception e)
        {
            DatabaseFaultLog.Failed(logger, e, "Could not fold counted clicks into the links' counts",
                "Trying again later; the clicks stay counted meanwhile.");

            return false;
        }
    }

    /// <returns>False when the write failed; its clicks stay in <paramref name="pending"/>.</returns>
    private async Task<bool> TryWriteAsync(VisitTally pending)
    {
        var pass = TakeClicks(pending);
        try
        {
            await store.AddClicksAsync(pending.ToBatch(), CancellationToken.None);
        }
        catch (Exception e)
        {
            WriteFailed(e, pending.Count);
            return false;
        }

        metrics?.ClicksWritten(pending.Count);
        if (_failedWrites > 0)
        {
            LogWrittenAgain(pending.Count, _failedWrites, (long)Stopwatch.GetElapsedTime(_failingSince).TotalSeconds, pending.DetailsDropped);
            _failedWrites = 0;
        }

        pending.Clear();
        queue.MarkWritten(pass);
        return true;
    }

    /// <summary>Takes the queued visits into <paramref name="pending"/>, and says so once when the bound starts dropping their details.</summary>
    private long TakeClicks(VisitTally pending)
    {
        var dropped = pending.DetailsDropped;
        var pass = queue.TakeClicks(pending);
        if (pending.DetailsDropped > dropped)
        {
            queue.CountDetailsDropped(pending.DetailsDropped - dropped);
            if (dropped == 0)
            {
                LogDroppingDetails(options.Value.MaxPendingVisits);
            }
        }

        return pass;
    }

    /// <summary>
    /// When writes start failing, the cause in words when the database is unavailable, or the exception when it is
    /// something else; then one short line per retry, which the backoff spaces out, so a database that is down for
    /// minutes takes a line every few seconds, not a stack trace every interval.
    /// </summary>
    private void WriteFailed(Exception e, int visits)
    {
        if (_failedWrites++ > 0)
        {
            LogStillFailing(e.Message, visits, _failedWrites);
            return;
        }

        _failingSince = Stopwatch.GetTimestamp();
        if (DatabaseFault.Of(e) is { } fault)
        {
            LogWriteUnavailable(visits, fault.Cause, e.Message);
        }
        else
        {
            LogWriteFailed(e, visits);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Visits} visits: {Cause} ({Error}) Keeping them, and every visit after them, to write once the database takes writes again")]
    private partial void LogWriteUnavailable(long visits, string cause, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Visits} visits; keeping them, and every visit after them, to retry")]
    private partial void LogWriteFailed(Exception exception, long visits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Visits} visits again, attempt {Attempt} ({Error}); keeping them to retry")]
    private partial void LogStillFailing(string error, long visits, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {Visits} kept visits after {FailedWrites} failed writes over {Seconds} s; {DetailsDropped} of them counted as clicks only, past ShortUrl:MaxPendingVisits")]
    private partial void LogWrittenAgain(long visits, int failedWrites, long seconds, long detailsDropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MaxPendingVisits} visits wait for the database (ShortUrl:MaxPendingVisits): further visits are counted as clicks of their links, but their minute, referrer, browser and OS are dropped")]
    private partial void LogDroppingDetails(int maxPendingVisits);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stopping with {Visits} visits the database did not take in {Attempts} attempts: their clicks are lost")]
    private partial void LogLostOnStop(long visits, int attempts);


}
