namespace ShortUrl.Storage;

/// <summary>What visits of one kind share: they differ only in the link.</summary>
/// <param name="Minute">Whole minutes since 1970-01-01 UTC.</param>
/// <param name="Referrer">The referring page's host; empty for none.</param>
/// <param name="Browser">The browser family, or a bot's name.</param>
/// <param name="Os">The OS family.</param>
/// <param name="Bot">Whether the visitor is a bot.</param>
internal readonly record struct VisitKind(long Minute, string Referrer, string Browser, string Os, bool Bot);

/// <summary>A count for each of some links, the links in ascending order (as their rows sit on disk).</summary>
internal readonly record struct LinkCounts(ReadOnlyMemory<long> LinkIds, ReadOnlyMemory<long> Counts)
{
    public int Length => LinkIds.Length;

    public static LinkCounts Of(params (long LinkId, long Count)[] counts)
    {
        var sorted = counts.OrderBy(count => count.LinkId).ToArray();
        return new(sorted.Select(count => count.LinkId).ToArray(), sorted.Select(count => count.Count).ToArray());
    }
}

/// <summary>The visits of one kind, per link.</summary>
internal readonly record struct KindOfVisits(VisitKind Kind, LinkCounts Links);

/// <summary>
/// What one turn of the click writer hands a store, to write in one transaction: the clicks by people per link (the
/// headline count) and the visits per link of each kind (every visit, bots' too).
/// </summary>
internal readonly record struct ClickBatch(LinkCounts Clicks, IReadOnlyList<KindOfVisits> Visits)
{
    /// <summary>Each visit of the batch as a row of the visit log (migration 0010), in the order they came.</summary>
    public IReadOnlyList<VisitRow>? Rows { get; init; }

    /// <summary>The batch's requests that found no link.</summary>
    public IReadOnlyList<OrphanVisitRow>? Orphans { get; init; }

    public bool IsEmpty => Clicks.Length == 0 && Visits.Count == 0 && (Rows?.Count ?? 0) == 0 && (Orphans?.Count ?? 0) == 0;
}
