namespace ShortUrl.Storage;

/// <summary>
/// One database engine's implementation of every store seam, over one set of connections: what the registration hands
/// out, one seam to each consumer, and what tests open beside a running service.
/// </summary>
internal sealed class StorageEngine : IAsyncDisposable, IDisposable
{
    private readonly IDisposable[] _owned;

    /// <summary>Each seam over the same connections; <paramref name="owned"/> is disposed with the engine, in that order.</summary>
    internal StorageEngine(
        ILinkStore links,
        IRedirectSource redirectSource,
        IClickSink clicks,
        IStatsQueries stats,
        ILinkPortability portability,
        IMigrationHistory migrationHistory,
        IDatabaseProbe probe,
        ILinkChanges linkChanges,
        IApiKeyStore apiKeys,
        params IDisposable[] owned)
    {
        Links = links;
        RedirectSource = redirectSource;
        Clicks = clicks;
        Stats = stats;
        Portability = portability;
        MigrationHistory = migrationHistory;
        Probe = probe;
        LinkChanges = linkChanges;
        ApiKeys = apiKeys;
        _owned = owned;
    }

    public ILinkStore Links { get; }

    public IRedirectSource RedirectSource { get; }

    public IClickSink Clicks { get; }

    public IStatsQueries Stats { get; }

    public ILinkPortability Portability { get; }

    public IMigrationHistory MigrationHistory { get; }

    public IDatabaseProbe Probe { get; }

    public ILinkChanges LinkChanges { get; }

    public IApiKeyStore ApiKeys { get; }

    /// <summary>Titles and tags across links (migration 0008).</summary>
    public required ILabelStore Labels { get; init; }

    /// <summary>Every link, or those matching a search, a page at a time (migration 0009).</summary>
    public required ILinkSearch Search { get; init; }

    /// <summary>New links the search index has yet to take in (migration 0012 on SQLite).</summary>
    public required ISearchBacklog SearchBacklog { get; init; }

    /// <summary>Each visit as a row, and orphan visits (migration 0010).</summary>
    public required IVisitLog VisitLog { get; init; }

    /// <summary>Visits across links: every link's, a tag's, their totals.</summary>
    public required IVisitsAcross VisitsAcross { get; init; }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            if (owned is IAsyncDisposable asyncOwned)
            {
                await asyncOwned.DisposeAsync();
            }
            else
            {
                owned.Dispose();
            }
        }
    }
}
