namespace ShortUrl.Storage;

/// <summary>Clicks on one link on one day (days since 1970-01-01 UTC), by people or by bots.</summary>
internal sealed record DailyClicks(long Day, bool Bot, long Clicks);

/// <summary>Clicks on one link in a range from one kind of visitor.</summary>
internal sealed record VisitorClicks(string Referrer, string Browser, string Os, bool Bot, long Clicks);

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

/// <summary>How both stores read <see cref="VisitorClicks"/>: the counts, then who the visitors were.</summary>
internal sealed class VisitorClicksRow
{
    public long Clicks { get; set; }

    public long Bot { get; set; }

    public string Referrer { get; set; } = "";

    public string Browser { get; set; } = "";

    public string Os { get; set; } = "";

    public VisitorClicks ToVisitorClicks() => new(Referrer, Browser, Os, Bot != 0, Clicks);
}
