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

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changes.ListenAsync(cache.Invalidate, cache.InvalidateAll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(e);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the database's link-change notifications; listening again")]
    private partial void LogListenFailed(Exception exception);
}
