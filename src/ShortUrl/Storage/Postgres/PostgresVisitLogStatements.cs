namespace ShortUrl.Storage.Postgres;

/// <summary>The statements of each visit kept as a row (migration 0010), part of <see cref="PostgresStatements"/>.</summary>
internal static partial class PostgresStatements
{
    /// <summary>
    /// Every visit of a click writer's batch, and below every orphan visit, copied in binary (<see cref="PostgresClickSink"/>
    /// writes the rows): a copy writes the table's pages many rows at a time, where an INSERT writes and logs each row on
    /// its own.
    /// </summary>
    public const string CopyVisitRows = "COPY visit_log (url_id, visited_at, referrer, browser, os, bot, country) FROM STDIN (FORMAT BINARY)";

    public const string CopyOrphanVisits =
        "COPY orphan_visits (kind, path, visited_at, referrer, browser, os, bot, country) FROM STDIN (FORMAT BINARY)";

    /// <summary>A link's visits in [@FromMs, @ToMs), newest first, through visit_log_by_link.</summary>
    public const string LinkVisits = """
        SELECT visited_at AS VisitedAt, referrer AS Referrer, browser AS Browser, os AS Os, bot::bigint AS Bot, country AS Country
        FROM visit_log WHERE url_id = @UrlId AND visited_at >= @FromMs AND visited_at < @ToMs
        ORDER BY visited_at DESC, id DESC LIMIT @Limit OFFSET @Offset
        """;

    /// <summary>Orphan visits of kind @Kind (every kind when null), newest first.</summary>
    public const string OrphanVisits = """
        SELECT kind AS Kind, path AS Path, visited_at AS VisitedAt, referrer AS Referrer, browser AS Browser, os AS Os,
            bot::bigint AS Bot, country AS Country
        FROM orphan_visits WHERE @Kind::text IS NULL OR kind = @Kind::text
        ORDER BY id DESC LIMIT @Limit OFFSET @Offset
        """;

    public const string CountOrphanVisits = "SELECT count(*) FROM orphan_visits WHERE @Kind::text IS NULL OR kind = @Kind::text";

}
