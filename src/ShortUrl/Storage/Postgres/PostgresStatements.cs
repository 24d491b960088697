namespace ShortUrl.Storage.Postgres;

/// <summary>
/// Every statement the service runs against PostgreSQL, by name. Tests read this class to freeze each release's
/// statements and replay them against newer schemas, so a statement changed here must also change the snapshot in the tests.
/// </summary>
internal static partial class PostgresStatements
{
    /// <summary>A new link has no tags yet: they follow in the same transaction (<see cref="TagLink"/>).</summary>
    public const string Insert = """
        INSERT INTO urls (code, url, created_at, expires_at, max_clicks, password_hash, created_by, title, forward_query, redirect_rules)
        VALUES (@Code, @Url, @CreatedAt, @ExpiresAt, @MaxClicks, @PasswordHash, @CreatedBy, @Title, @ForwardQuery, @RedirectRules)
        ON CONFLICT (code) DO NOTHING
        RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, '{}'::text[] AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        """;

    public const string FindByCode = $"""
        SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, {Fragments.Tags} AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        FROM urls WHERE code = @Code
        """;

    public const string FindTargetByCode = """
        SELECT id AS Id, url AS Url, expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash IS NOT NULL AS HasPassword,
            forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        FROM urls WHERE code = @Code
        """;

    public const string PlainLinksAfter = """
        SELECT id AS Id, code AS Code, url AS Url FROM urls
        WHERE id > @AfterId AND expires_at IS NULL AND max_clicks IS NULL AND password_hash IS NULL
            AND forward_query AND redirect_rules IS NULL
        ORDER BY id LIMIT @Limit
        """;

    public const string Recent = $"""
        SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, {Fragments.Tags} AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        FROM urls ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>The newest links one key created, through the partial index of migration 0007.</summary>
    public const string RecentByCreator = $"""
        SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, {Fragments.Tags} AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        FROM urls WHERE created_by = @CreatedBy ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>Every field in one statement (<see cref="SharedSql.Parts.UpdateByCode"/>), returning the link as it now is.</summary>
    public const string Update = $"""
        {SharedSql.Parts.UpdateByCode}
        RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, {Fragments.Tags} AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        """;

    /// <summary>
    /// Sent in the transaction of an edit or a delete, so every instance hears of it when, and only if, it commits
    /// (<see cref="PostgresLinkChanges"/>; the payload is the code).
    /// </summary>
    public const string NotifyLinkChanged = "SELECT pg_notify('shorturl_link_changed', @Code)";

    public const string ListenForLinkChanges = "LISTEN shorturl_link_changed";

    public const string CountLimitedClick = """
        UPDATE urls SET clicks = clicks + 1
        WHERE id = @Id AND (max_clicks IS NULL OR clicks < max_clicks)
        """;

    /// <summary>One statement for the whole batch: one round trip, and row locks taken in the order of the ids.</summary>
    public const string AddClicks = """
        UPDATE urls SET clicks = urls.clicks + batch.added
        FROM unnest(@Ids, @Counts) AS batch (id, added)
        WHERE urls.id = batch.id
        """;

    /// <summary>One statement for the whole batch; the batch holds each key once, as ON CONFLICT requires.</summary>
    public const string AddVisits = """
        INSERT INTO visits (url_id, minute, referrer, browser, os, bot, clicks)
        SELECT * FROM unnest(@UrlIds, @Minutes, @Referrers, @Browsers, @Oses, @Bots, @VisitCounts)
        ON CONFLICT (url_id, minute, referrer, browser, os, bot) DO UPDATE SET clicks = visits.clicks + excluded.clicks
        """;

    public const string Export = $"""
        {Fragments.ExportColumns}
        FROM urls u ORDER BY u.id
        """;

    public const string ExportByCreator = $"""
        {Fragments.ExportColumns}
        FROM urls u WHERE u.created_by = @CreatedBy ORDER BY u.id
        """;

    /// <summary>
    /// The health check's write: the newest migration record set to itself, which PostgreSQL still writes as a new row
    /// version and logs, and refuses on a read-only server or in a read-only transaction.
    /// </summary>
    public const string WriteNothing = """
        UPDATE schema_migrations SET applied_at = applied_at WHERE version = (SELECT max(version) FROM schema_migrations)
        """;

    /// <summary>
    /// Every instance that changes the schema takes this lock first, held until its transaction ends, so instances
    /// starting together take turns. The key is "shorturl" in ASCII: any number no other application uses.
    /// </summary>
    public const string LockMigrations = "SELECT pg_advisory_xact_lock(8315176436797879660)";

    public const string CreateMigrationHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    bigint PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL
        )
        """;

    /// <summary>Parts of statements, apart from the statements so that the snapshots hold whole statements only.</summary>
    private static class Fragments
    {
        /// <summary>A link's tags, in a statement over urls: their names in the order they were given.</summary>
        public const string Tags = """
            ARRAY(SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                WHERE link_tags.url_id = urls.id ORDER BY link_tags.position)
            """;

        /// <summary>The same, in a statement over urls named u.</summary>
        public const string TagsOfU = """
            ARRAY(SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                WHERE link_tags.url_id = u.id ORDER BY link_tags.position)
            """;

        /// <summary>What an export reads of each link, in a statement over urls named u; the statements add which links.</summary>
        public const string ExportColumns = $"""
            SELECT u.code AS Code, u.url AS Url, u.created_at AS CreatedAt, u.clicks AS Clicks,
                   COALESCE((SELECT SUM(v.clicks) FROM visits v WHERE v.url_id = u.id AND v.bot = 1), 0)::bigint AS BotClicks,
                   u.password_hash IS NOT NULL AS IsProtected, u.expires_at AS ExpiresAt, u.max_clicks AS MaxClicks,
                   u.title AS Title, {TagsOfU} AS Tags, u.forward_query AS ForwardQuery, u.redirect_rules AS RedirectRules
            """;
    }
}
