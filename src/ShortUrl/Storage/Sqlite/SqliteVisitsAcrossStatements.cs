namespace ShortUrl.Storage.Sqlite;

/// <summary>The statements of visits across links (<see cref="IVisitsAcross"/>), part of <see cref="SqliteStatements"/>.</summary>
internal static partial class SqliteStatements
{
    /// <summary>Visits in [@FromMs, @ToMs) of every link, of those tagged @Tag, or of those @CreatedBy created; newest first.</summary>
    public const string VisitsAcross = """
        SELECT visit_log.visited_at AS VisitedAt, visit_log.referrer AS Referrer, visit_log.browser AS Browser,
            visit_log.os AS Os, visit_log.bot AS Bot, visit_log.country AS Country, urls.code AS Code
        FROM visit_log JOIN urls ON urls.id = visit_log.url_id
        WHERE visit_log.visited_at >= @FromMs AND visit_log.visited_at < @ToMs
            AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)
            AND (@Tag IS NULL OR visit_log.url_id IN (
                SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE tags.name = @Tag))
        ORDER BY visit_log.visited_at DESC, visit_log.id DESC LIMIT @Limit OFFSET @Offset
        """;

    public const string CountVisitsAcross = """
        SELECT count(*) FROM visit_log JOIN urls ON urls.id = visit_log.url_id
        WHERE visit_log.visited_at >= @FromMs AND visit_log.visited_at < @ToMs
            AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)
            AND (@Tag IS NULL OR visit_log.url_id IN (
                SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE tags.name = @Tag))
        """;

    /// <summary>Clicks of every link (or @CreatedBy's), those still waiting in link_clicks included, and bots' visits.</summary>
    public const string VisitTotals = """
        SELECT
            COALESCE((SELECT SUM(urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0))
                FROM urls WHERE @CreatedBy IS NULL OR urls.created_by = @CreatedBy), 0) AS Clicks,
            COALESCE((SELECT SUM(visits.clicks) FROM visits JOIN urls ON urls.id = visits.url_id
                WHERE visits.bot = 1 AND (@CreatedBy IS NULL OR urls.created_by = @CreatedBy)), 0) AS Bots
        """;
}
