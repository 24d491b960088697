namespace ShortUrl.Storage;

/// <summary>What visits of one kind share: they differ only in the link.</summary>
/// <param name="Minute">Whole minutes since 1970-01-01 UTC.</param>
/// <param name="Referrer">The referring page's host; empty for none.</param>
/// <param name="Browser">The browser family, or a bot's name.</param>
/// <param name="Os">The OS family.</param>
/// <param name="Bot">Whether the visitor is a bot.</param>
public readonly record struct VisitKind(long Minute, string Referrer, string Browser, string Os, bool Bot);

/// <summary>A count for each of some links, the links in ascending order (as their rows sit on disk).</summary>
public readonly record struct LinkCounts(ReadOnlyMemory<long> LinkIds, ReadOnlyMemory<long> Counts)
{
    public int Length => LinkIds.Length;

    public static LinkCounts Of(params (long LinkId, long Count)[] counts)
    {
        var sorted = counts.OrderBy(count => count.LinkId).ToArray();
        return new(sorted.Select(count => count.LinkId).ToArray(), sorted.Select(count => count.Count).ToArray());
    }
}

/// <summary>The visits of one kind, per link.</summary>
public readonly record struct KindOfVisits(VisitKind Kind, LinkCounts Links);

/// <summary>
/// What one turn of the click writer hands a store, to write in one transaction: the clicks by people per link (the
/// headline count) and the visits per link of each kind (every visit, bots' too).
/// </summary>
public readonly record struct ClickBatch(LinkCounts Clicks, IReadOnlyList<KindOfVisits> Visits)
{
    public bool IsEmpty => Clicks.Length == 0 && Visits.Count == 0;
}

/// <summary>Clicks on one link on one day (days since 1970-01-01 UTC), by people or by bots.</summary>
public sealed record DailyClicks(long Day, bool Bot, long Clicks);

/// <summary>Clicks on one link in a range from one kind of visitor.</summary>
public sealed record VisitorClicks(string Referrer, string Browser, string Os, bool Bot, long Clicks);

/// <summary>
/// A link with its stats summary, as the export writes it. <c>IsProtected</c>: the link has a password, so its target
/// is shown only to a holder of an API key.
/// </summary>
public sealed record ExportedLink(string Code, string Url, DateTime CreatedAt, long Clicks, long BotClicks, bool IsProtected);

/// <summary>A link to import: an alias, or null for a generated code.</summary>
public sealed record ImportedLink(string? Alias, string Url);

/// <summary>
/// How both stores read <see cref="DailyClicks"/>: <c>bot</c> is a number in the tables. Settable properties rather than a
/// constructor, since SQLite reports no column types for an empty result.
/// </summary>
internal sealed class DailyClicksRow
{
    public long Day { get; set; }

    public long Bot { get; set; }

    public long Clicks { get; set; }

    public DailyClicks ToDailyClicks() => new(Day, Bot != 0, Clicks);
}

/// <summary>How both stores read <see cref="VisitorClicks"/>.</summary>
internal sealed class VisitorClicksRow
{
    public string Referrer { get; set; } = "";

    public string Browser { get; set; } = "";

    public string Os { get; set; } = "";

    public long Bot { get; set; }

    public long Clicks { get; set; }

    public VisitorClicks ToVisitorClicks() => new(Referrer, Browser, Os, Bot != 0, Clicks);
}
