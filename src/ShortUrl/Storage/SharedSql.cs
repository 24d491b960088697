namespace ShortUrl.Storage;

/// <summary>
/// The statements both dialects run word for word, written once. The frozen snapshots of each dialect hold them after
/// its own statements, so that each snapshot still holds every statement its release runs.
/// </summary>
internal static class SharedSql
{
    public const string CountLinks = "SELECT count(*) FROM urls";

    public const string Delete = "DELETE FROM urls WHERE code = @DeletedCode";

    public const string Ping = "SELECT 1";

    public const string ListApiKeys = "SELECT name AS Name, role AS Role, key_hash AS KeyHash, created_at AS CreatedAt FROM api_keys ORDER BY name";

    /// <summary>Adds a key unless its name (or, never in practice, its hash) is taken: then it changes no row.</summary>
    public const string InsertApiKey = """
        INSERT INTO api_keys (name, role, key_hash, created_at) VALUES (@Name, @Role, @KeyHash, @CreatedAt)
        ON CONFLICT DO NOTHING
        """;

    public const string DeleteApiKey = "DELETE FROM api_keys WHERE name = @Name";

    public const string ListApiKeyUses = "SELECT name AS Name, last_used_at AS LastUsedAt FROM api_key_uses";

    /// <summary>Never moves a key's last use back: instances write what each has seen, in any order.</summary>
    public const string RecordApiKeyUse = """
        INSERT INTO api_key_uses (name, last_used_at) VALUES (@Name, @LastUsedAt)
        ON CONFLICT (name) DO UPDATE SET last_used_at = excluded.last_used_at
        WHERE excluded.last_used_at > api_key_uses.last_used_at
        """;

    public const string ForgetApiKeyUse = "DELETE FROM api_key_uses WHERE name = @Name";

    public const string ReadMigrationHistory = """
        SELECT version AS Version, name AS Name, checksum AS Checksum, applied_at AS AppliedAt
        FROM schema_migrations ORDER BY version
        """;

    public const string IsMigrationApplied = "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version";

    public const string RecordMigration = """
        INSERT INTO schema_migrations (version, name, checksum, applied_at)
        VALUES (@Version, @Name, @Checksum, @AppliedAt)
        """;

    // A link's stats (migration 0003). The casts make PostgreSQL answer bigint, as SQLite's integers are read.

    public const string ClicksByDay = """
        SELECT minute / 1440 AS Day, CAST(bot AS bigint) AS Bot, CAST(SUM(clicks) AS bigint) AS Clicks FROM visits
        WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
        GROUP BY minute / 1440, bot
        """;

    public const string ClicksByVisitor = """
        SELECT referrer AS Referrer, browser AS Browser, os AS Os, CAST(bot AS bigint) AS Bot, CAST(SUM(clicks) AS bigint) AS Clicks
        FROM visits
        WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
        GROUP BY referrer, browser, os, bot
        """;

    public const string BotClicks = "SELECT CAST(COALESCE(SUM(clicks), 0) AS bigint) FROM visits WHERE url_id = @UrlId AND bot = 1";

    // Titles and tags (migration 0008).

    public const string UntagLink = "DELETE FROM link_tags WHERE url_id = @UrlId";

    /// <summary>Forgets the tag named @TagName if no link carries it, so that a rename can take the name.</summary>
    public const string ForgetUnusedTag = """
        DELETE FROM tags WHERE name = @TagName AND NOT EXISTS (SELECT 1 FROM link_tags WHERE link_tags.tag_id = tags.id)
        """;

    public const string RenameTag = "UPDATE tags SET name = @NewName WHERE id = @TagId";

    public const string UntagAll = "DELETE FROM link_tags WHERE tag_id = @TagId";

    public const string DeleteTag = "DELETE FROM tags WHERE id = @TagId";

    /// <summary>
    /// A fetched title, kept only while the link still has none and still leads where the title was fetched from (it may
    /// have been edited, or deleted and its code taken again, meanwhile).
    /// </summary>
    public const string FillTitle = "UPDATE urls SET title = @Title WHERE code = @Code AND url = @Url AND title IS NULL";

    public const string CountLinkVisits = """
        SELECT count(*) FROM visit_log WHERE url_id = @UrlId AND visited_at >= @FromMs AND visited_at < @ToMs
        """;

    public const string DeleteLinkVisits = "DELETE FROM visit_log WHERE url_id = @UrlId";

    /// <summary>A link's visits by people in [@FromMs, @ToMs) per known country, most first.</summary>
    public const string CountryVisits = """
        SELECT country AS Country, count(*) AS Visits FROM visit_log
        WHERE url_id = @UrlId AND visited_at >= @FromMs AND visited_at < @ToMs AND bot = 0 AND country IS NOT NULL
        GROUP BY country ORDER BY count(*) DESC, country LIMIT @Limit
        """;

    public const string OrphanCounts =
        "SELECT kind AS Kind, count(*) AS Visits, CAST(SUM(bot) AS bigint) AS Bots FROM orphan_visits GROUP BY kind";

    /// <summary>
    /// Of the @Limit oldest rows (the lowest ids: rows are appended in time order), those older than @BeforeMs: a bounded
    /// delete that walks the primary key alone.
    /// </summary>
    public const string PruneVisitLog = """
        DELETE FROM visit_log WHERE id IN (SELECT id FROM visit_log ORDER BY id LIMIT @Limit) AND visited_at < @BeforeMs
        """;

    public const string PruneOrphanVisits = """
        DELETE FROM orphan_visits WHERE id IN (SELECT id FROM orphan_visits ORDER BY id LIMIT @Limit) AND visited_at < @BeforeMs
        """;

    /// <summary>Parts of statements that both dialects write word for word where the rest of the statement differs.</summary>
    public static class Parts
    {
        /// <summary>Every field of the link @Code, each kept unless its flag says otherwise: two edits never mix halves.</summary>
        public const string UpdateByCode = """
            UPDATE urls SET
                url = CASE WHEN @ChangeUrl THEN @Url ELSE url END,
                expires_at = CASE WHEN @ChangeExpiresAt THEN @ExpiresAt ELSE expires_at END,
                max_clicks = CASE WHEN @ChangeMaxClicks THEN @MaxClicks ELSE max_clicks END,
                password_hash = CASE WHEN @ChangePasswordHash THEN @PasswordHash ELSE password_hash END,
                title = CASE WHEN @ChangeTitle THEN @Title ELSE title END,
                forward_query = CASE WHEN @ChangeForwardQuery THEN @ForwardQuery ELSE forward_query END,
                redirect_rules = CASE WHEN @ChangeRedirectRules THEN @RedirectRules ELSE redirect_rules END
            WHERE code = @Code
            """;
    }
}
