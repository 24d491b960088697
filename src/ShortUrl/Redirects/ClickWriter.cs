using Microsoft.Extensions.Options;
using ShortUrl.Analytics;
using ShortUrl.Data;

namespace ShortUrl.Redirects;

/// <summary>
/// Writes the clicks of <see cref="ClickQueue"/> to the store every <see cref="ShortUrlOptions.ClickWriteIntervalMilliseconds"/>,
/// all of a turn's visits in one transaction: added up by <see cref="VisitTally"/>, one row update per clicked link and one
/// per distinct visit row (link, minute, referrer, browser, OS, bot). On shutdown, after the server has
/// stopped taking requests, it writes what is left before the process exits.
/// </summary>
public sealed partial class ClickWriter(
    ClickQueue queue,
    IUrlStore store,
    IOptions<ShortUrlOptions> options,
    ILogger<ClickWriter> logger) : BackgroundService
{
    private const int ShutdownAttempts = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(options.Value.ClickWriteIntervalMilliseconds);
        var pending = new VisitTally();
        try
        {
            while (true)
            {
                await queue.WaitForTurnAsync(interval, stoppingToken);
                if (!await TryWriteAsync(pending))
                {
                    // Kept in pending, and retried with the next turn's clicks.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
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
    }

    /// <returns>False when the write failed; its clicks stay in <paramref name="pending"/>.</returns>
    private async Task<bool> TryWriteAsync(VisitTally pending)
    {
        var pass = queue.TakeClicks(pending);
        try
        {
            var (clicks, visits) = pending.ToRows();
            await store.AddClicksAsync(clicks, visits, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogWriteFailed(e, pending.Count);
            return false;
        }

        pending.Clear();
        queue.MarkWritten(pass);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {Clicks} visits; keeping them to retry")]
    private partial void LogWriteFailed(Exception exception, long clicks);
}
