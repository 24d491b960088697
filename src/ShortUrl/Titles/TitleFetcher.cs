namespace ShortUrl.Titles;

/// <summary>
/// Fetches the titles of new links in the background (<c>ShortUrl:FetchTitles</c>), a few at a time, and keeps each in
/// its link unless the link got a title, or another target, meanwhile. A failed fetch leaves the link without a title.
/// </summary>
internal sealed partial class TitleFetcher(TitleFetchQueue queue, TitleClient client, ILabelStore labels, ILogger<TitleFetcher> logger)
    : BackgroundService
{
    /// <summary>Fetches at once: each waits mostly on a remote server.</summary>
    public const int Workers = 4;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.IsEnabled
        ? Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), stoppingToken)))
        : Task.CompletedTask;

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var fetch in queue.Pending.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (await client.FetchTitleAsync(fetch.Url, stoppingToken) is { } title)
                    {
                        await labels.FillTitleAsync(fetch.Code, fetch.Url, title, stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database refused the title, say: the link stays without one, and the next fetch goes on.
                    LogFailed(fetch.Code, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The fetched title of {Code} could not be kept: {Reason}")]
    private partial void LogFailed(string code, string reason);
}
