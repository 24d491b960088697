namespace ShortUrl.Storage;

/// <summary>Where the click writer puts its batches.</summary>
internal interface IClickSink
{
    /// <summary>Adds a batch's clicks to their links and its visits to the visit counts, all in one transaction.</summary>
    Task AddClicksAsync(ClickBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the clicks of up to <paramref name="maxLinks"/> links, those after row <paramref name="afterId"/>, from
    /// where <see cref="AddClicksAsync"/> puts them into the links' own counts, in one transaction. Reads count them
    /// either way; this is for the release before, which reads the links' counts alone.
    /// </summary>
    /// <returns>The last row folded; null when no link after <paramref name="afterId"/> had clicks waiting (always, for a
    /// store that adds clicks to the links' counts directly).</returns>
    Task<long?> FoldClicksAsync(long afterId, int maxLinks, CancellationToken cancellationToken);
}
