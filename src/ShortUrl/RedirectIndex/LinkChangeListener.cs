namespace ShortUrl.RedirectIndex;

/// <summary>
/// On PostgreSQL, where several instances each cache links: hears of every edit and delete, made on any instance, from
/// the database (LISTEN/NOTIFY; the store notifies in the same transaction as the change) and drops that link from this
/// instance's cache, so its next redirect reads the change. While the connection is down, notifications are lost, so on
/// every (re)connect it first forgets the whole cache. On SQLite, one instance owns the file and edits reach its cache
/// directly, so this does nothing.
/// </summary>
internal sealed partial class LinkChangeListener(ILinkChanges changes, LinkCache cache, ILogger<LinkChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!changes.AreShared)
        {
            return;
        }

        // Tried again every second while the database is away, so that edits are heard again as soon as it is back; the
        // log says so once per outage, and once when it listens again, not every second.
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changes.ListenAsync(cache.Invalidate, Listening, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (failures++ == 0)
                {
                    DatabaseFaultLog.Failed(logger, e, "Lost the database's link-change notifications", "Trying to listen again every second.");
                }
                else
                {
                    LogStillNotListening(failures, e.Message);
                }

                await Task.Delay(RetryDelay, stoppingToken);
            }
        }

        void Listening()
        {
            cache.InvalidateAll();
            if (failures > 0)
            {
                LogListeningAgain(failures);
                failures = 0;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Still not listening for link changes, attempt {Attempt} ({Error})")]
    private partial void LogStillNotListening(int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for link changes again after {Attempts} failed attempts; the cache starts afresh")]
    private partial void LogListeningAgain(int attempts);
}
