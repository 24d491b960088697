namespace ShortUrl.Storage;

/// <summary>What the redirect index loads at start and what a redirect looks up when the index and cache miss.</summary>
internal interface IRedirectSource
{
    /// <summary>How many links there are: what the redirect index makes room for before it loads.</summary>
    Task<long> CountLinksAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> links without rules whose row is above <paramref name="afterId"/>, in row order:
    /// the redirect index's load, a page at a time, so that no read holds a snapshot for long.
    /// </summary>
    Task<IReadOnlyList<PlainLink>> PlainLinksAfterAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>The redirect's lookup on a cache miss: only what a redirect needs, answered without allocating a task.</summary>
    ValueTask<LinkTarget?> FindTargetAsync(string code, CancellationToken cancellationToken);
}
