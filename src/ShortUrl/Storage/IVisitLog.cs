namespace ShortUrl.Storage;

/// <summary>Each visit kept as a row (migration 0010): a link's visits, orphan visits, and their pruning.</summary>
internal interface IVisitLog
{
    /// <summary>A link's visits in [<paramref name="fromMs"/>, <paramref name="toMs"/>), newest first, a page at a time.</summary>
    Task<VisitPage> VisitsAsync(long linkId, long fromMs, long toMs, long offset, int limit, CancellationToken cancellationToken);

    /// <summary>Forgets a link's visit rows (its counts stay); returns how many went.</summary>
    Task<long> DeleteVisitsAsync(long linkId, CancellationToken cancellationToken);

    /// <summary>A link's visits by people in [<paramref name="fromMs"/>, <paramref name="toMs"/>) per known country, most first.</summary>
    Task<IReadOnlyList<CountryVisits>> CountriesAsync(long linkId, long fromMs, long toMs, int top, CancellationToken cancellationToken);

    /// <summary>Orphan visits, newest first, of one kind or all.</summary>
    Task<VisitPage> OrphansAsync(string? kind, long offset, int limit, CancellationToken cancellationToken);

    /// <summary>Orphan visits per kind; kinds without any left out.</summary>
    Task<IReadOnlyList<OrphanCount>> OrphanCountsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> visit rows and orphan visits older than <paramref name="beforeMs"/> among the
    /// oldest rows; returns how many went (0: nothing older is left at the head of either table).
    /// </summary>
    Task<long> PruneAsync(long beforeMs, int limit, CancellationToken cancellationToken);
}
