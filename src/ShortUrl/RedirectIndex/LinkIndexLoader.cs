using System.Diagnostics;
namespace ShortUrl.RedirectIndex;

/// <summary>
/// Fills the <see cref="LinkIndex"/> from the database once the service has started, a page at a time, and again after
/// every clear (on PostgreSQL, when other instances' edits may have gone unheard). Redirects do not wait for it: until
/// a link is loaded, its first visit reads the database, as it would without an index.
/// </summary>
internal sealed partial class LinkIndexLoader(IRedirectSource store, LinkIndex index, ILogger<LinkIndexLoader> logger) : BackgroundService
{
    private const int PageSize = 10_000;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!index.Enabled)
        {
            return;
        }

        // Off the start-up path: the SQLite store answers synchronously, and the server should not wait for a load.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await LoadAsync(index.Generation, stoppingToken);
                await index.WaitForClearAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // What was loaded stays; the next attempt skips it. Meanwhile the rest is read on first visit.
                LogLoadFailed(e, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task LoadAsync(long generation, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        index.MakeRoomFor((int)Math.Min(await store.CountLinksAsync(cancellationToken), int.MaxValue));
        for (var afterId = 0L; ;)
        {
            var page = await store.PlainLinksAfterAsync(afterId, PageSize, cancellationToken);
            foreach (var link in page)
            {
                // A target that cannot become a Location is not a redirect; its code stays for the database to answer.
                if (TargetUrl.ToLocation(link.Url) is { } location && !index.TryAdd(generation, link.Code, link.Id, location))
                {
                    LogLoadStopped(index.Count);
                    return;
                }
            }

            if (page.Count < PageSize)
            {
                // Once, after the load: what it read is garbage now, a heap's worth that the GC would otherwise keep for
                // later allocations. The index itself is arrays of numbers and bytes, which a collection does not walk.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                LogLoaded(index.Count, index.DataBytes / (1024 * 1024), Stopwatch.GetElapsedTime(started).TotalSeconds);
                return;
            }

            afterId = page[^1].Id;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Redirect index loaded: {Links} links ({Megabytes} MB of targets) in {Seconds:F1} s")]
    private partial void LogLoaded(int links, long megabytes, double seconds);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Redirect index load stopped at {Links} links: it is full (ShortUrl:LinkIndexSize) or was cleared, to be loaded again")]
    private partial void LogLoadStopped(int links);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the redirect index failed; trying again in {Seconds} s")]
    private partial void LogLoadFailed(Exception exception, double seconds);
}
