namespace ShortUrl.Storage;

/// <summary>What the stats API reads of a link's visits.</summary>
internal interface IStatsQueries
{
    /// <summary>A link's clicks per day in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>), days with none left out.</summary>
    Task<IReadOnlyList<DailyClicks>> ClicksByDayAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken);

    /// <summary>A link's clicks in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>) by kind of visitor.</summary>
    Task<IReadOnlyList<VisitorClicks>> ClicksByVisitorAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken);

    /// <summary>Every bot visit a link has had.</summary>
    Task<long> BotClicksAsync(long linkId, CancellationToken cancellationToken);
}
