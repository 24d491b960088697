namespace ShortUrl.Storage;

/// <summary>
/// Links created but not yet in the search index, where an engine indexes new links in batches (SQLite, migration 0012).
/// A search finds them all the same; indexing them makes it cheaper.
/// </summary>
internal interface ISearchBacklog
{
    /// <summary>Indexes up to <paramref name="limit"/> of the oldest such links.</summary>
    Task<SearchBatch> IndexAsync(int limit, CancellationToken cancellationToken);
}

/// <summary>What a batch of the indexer did.</summary>
/// <param name="Indexed">How many links it took into the index.</param>
/// <param name="Contended">Whether other writes of this process (creates, above all) came since the batch before: the
/// indexer then yields to them.</param>
internal readonly record struct SearchBatch(int Indexed, bool Contended);

/// <summary>An engine whose index keeps up with every write by itself (PostgreSQL's trigram indexes live on the columns).</summary>
internal sealed class NoSearchBacklog : ISearchBacklog
{
    public Task<SearchBatch> IndexAsync(int limit, CancellationToken cancellationToken) => Task.FromResult(default(SearchBatch));
}
