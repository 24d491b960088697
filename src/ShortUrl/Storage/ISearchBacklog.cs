namespace ShortUrl.Storage;

/// <summary>
/// Links created but not yet in the search index, where an engine indexes new links in batches (SQLite, migration 0012).
/// A search finds them all the same; indexing them makes it cheaper.
/// </summary>
public interface ISearchBacklog
{
    /// <summary>Indexes up to <paramref name="limit"/> of the oldest such links; returns how many it indexed.</summary>
    Task<int> IndexAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>An engine whose index keeps up with every write by itself (PostgreSQL's trigram indexes live on the columns).</summary>
internal sealed class NoSearchBacklog : ISearchBacklog
{
    public Task<int> IndexAsync(int limit, CancellationToken cancellationToken) => Task.FromResult(0);
}
