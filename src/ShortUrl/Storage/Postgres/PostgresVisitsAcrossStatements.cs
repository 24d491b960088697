namespace ShortUrl.Storage.Postgres;

/// <summary>The statements of visits across links (<see cref="IVisitsAcross"/>), part of <see cref="PostgresStatements"/>.</summary>
internal static partial class PostgresStatements
{
    /// <summary>Visits in [@FromMs, @ToMs) of every link, of those tagged @Tag, or of those @CreatedBy created; newest first.</summary>
    public const string VisitsAcross = """
        SELECT visit_log.visited_at AS VisitedAt, visit_log.referrer AS Referrer, visit_log.browser AS Browser,
            visit_log.os AS Os, visit_log.bot::bigint AS Bot, visit_log.country AS Country, urls.code AS Code
        FROM visit_log JOIN urls ON urls.id = visit_log.url_id
        WHERE visit_log.visited_at >= @FromMs AND visit_log.visited_at < @ToMs
            AND (@CreatedBy::text IS NULL OR urls.created_by = @CreatedBy::text)
            AND (@Tag::text IS NULL OR visit_log.url_id IN (
                SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE tags.name = @Tag::text))
        ORDER BY visit_log.visited_at DESC, visit_log.id DESC LIMIT @Limit OFFSET @Offset
        """;

    public const string CountVisitsAcross = """
        SELECT count(*) FROM visit_log JOIN urls ON urls.id = visit_log.url_id
        WHERE visit_log.visited_at >= @FromMs AND visit_log.visited_at < @ToMs
            AND (@CreatedBy::text IS NULL OR urls.created_by = @CreatedBy::text)
            AND (@Tag::text IS NULL OR visit_log.url_id IN (
                SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE tags.name = @Tag::text))
        """;

    /// <summary>Clicks of every link (or @CreatedBy's), and bots' visits.</summary>
    public const string VisitTotals = """
        SELECT
            COALESCE((SELECT SUM(urls.clicks) FROM urls WHERE @CreatedBy::text IS NULL OR urls.created_by = @CreatedBy::text), 0)::bigint AS Clicks,
            COALESCE((SELECT SUM(visits.clicks) FROM visits JOIN urls ON urls.id = visits.url_id
                WHERE visits.bot = 1 AND (@CreatedBy::text IS NULL OR urls.created_by = @CreatedBy::text)), 0)::bigint AS Bots
        """;
}
