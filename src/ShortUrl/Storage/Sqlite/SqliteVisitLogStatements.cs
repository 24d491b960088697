namespace ShortUrl.Storage.Sqlite;

/// <summary>The statements of each visit kept as a row (migration 0010), part of <see cref="SqliteStatements"/>.</summary>
internal static partial class SqliteStatements
{
    /// <summary>One visit of a link, prepared once and run per visit in the click writer's transaction.</summary>
    public const string AddVisitRow = """
        INSERT INTO visit_log (url_id, visited_at, referrer, browser, os, bot, country)
        VALUES (@UrlId, @VisitedAt, @Referrer, @Browser, @Os, @Bot, @Country)
        """;

    public const string AddOrphanVisit = """
        INSERT INTO orphan_visits (kind, path, visited_at, referrer, browser, os, bot, country)
        VALUES (@Kind, @Path, @VisitedAt, @Referrer, @Browser, @Os, @Bot, @Country)
        """;

    /// <summary>A link's visits in [@FromMs, @ToMs), newest first, through visit_log_by_link.</summary>
    public const string LinkVisits = """
        SELECT visited_at AS VisitedAt, referrer AS Referrer, browser AS Browser, os AS Os, bot AS Bot, country AS Country
        FROM visit_log WHERE url_id = @UrlId AND visited_at >= @FromMs AND visited_at < @ToMs
        ORDER BY visited_at DESC, id DESC LIMIT @Limit OFFSET @Offset
        """;

    /// <summary>Orphan visits of kind @Kind (every kind when null), newest first.</summary>
    public const string OrphanVisits = """
        SELECT kind AS Kind, path AS Path, visited_at AS VisitedAt, referrer AS Referrer, browser AS Browser, os AS Os,
            bot AS Bot, country AS Country
        FROM orphan_visits WHERE @Kind IS NULL OR kind = @Kind
        ORDER BY id DESC LIMIT @Limit OFFSET @Offset
        """;

    public const string CountOrphanVisits = "SELECT count(*) FROM orphan_visits WHERE @Kind IS NULL OR kind = @Kind";

}
