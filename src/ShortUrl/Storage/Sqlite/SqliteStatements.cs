namespace ShortUrl.Storage.Sqlite;

/// <summary>
/// Every statement the service runs against SQLite, by name. Tests read this class to freeze each release's statements
/// and replay them against newer schemas, so a statement changed here must also change the snapshot in the tests.
/// </summary>
internal static partial class SqliteStatements
{
    /// <summary>
    /// Every connection: WAL synced at checkpoints, not at every commit (a process crash still loses nothing committed),
    /// and a write waits up to 3 s for another process's write to end (this process's own writes queue before they
    /// reach SQLite). A longer lock is a fault the request answers with 503, not a wait.
    /// </summary>
    public const string OpenConnection = "PRAGMA busy_timeout = 3000; PRAGMA synchronous = NORMAL;";

    /// <summary>
    /// A migration's connection waits up to a minute instead: a process starting beside one that is migrating the same
    /// file waits for it, and then finds the migration recorded.
    /// </summary>
    public const string WaitForAnotherProcessesMigration = "PRAGMA busy_timeout = 60000;";

    /// <summary>
    /// The writer's connection: a checkpoint once the WAL holds 10,000 pages rather than SQLite's 1,000. Clicks spread
    /// over many links rewrite pages all over the visit tables; with the longer WAL, a page that several batches rewrite
    /// is copied into the database file (and synced) once rather than after each of them.
    /// </summary>
    public const string OpenWriter = OpenConnection + " PRAGMA wal_autocheckpoint = 10000;";

    public const string EnableWal = "PRAGMA journal_mode = WAL;";

    /// <summary>
    /// A new link has no tags yet: they follow in the same transaction (<see cref="TagLink"/>). It reaches the search
    /// index later, in a batch (<see cref="IndexMarkedLinks"/>, migration 0012).
    /// </summary>
    public const string Insert = """
        INSERT INTO urls (code, url, created_at, expires_at, max_clicks, password_hash, created_by, title, forward_query, redirect_rules, index_later)
        VALUES (@Code, @Url, @CreatedAt, @ExpiresAt, @MaxClicks, @PasswordHash, @CreatedBy, @Title, @ForwardQuery, @RedirectRules, 1)
        ON CONFLICT (code) DO NOTHING
        RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, '[]' AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        """;

    public const string FindByCode = $"""
        SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, {Fragments.AllClicks} AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, {Fragments.Tags} AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        FROM urls WHERE code = @Code
        """;

    public const string FindTargetByCode = """
        SELECT id, url, expires_at, max_clicks, password_hash IS NOT NULL, forward_query, redirect_rules
        FROM urls WHERE code = @Code
        """;

    public const string PlainLinksAfter = """
        SELECT id, code, url FROM urls
        WHERE id > @AfterId AND expires_at IS NULL AND max_clicks IS NULL AND password_hash IS NULL
            AND forward_query = 1 AND redirect_rules IS NULL
        ORDER BY id LIMIT @Limit
        """;

    public const string Recent = $"""
        SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, {Fragments.AllClicks} AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, {Fragments.Tags} AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        FROM urls ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>The newest links one key created, through the partial index of migration 0007.</summary>
    public const string RecentByCreator = $"""
        SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, {Fragments.AllClicks} AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, {Fragments.Tags} AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        FROM urls WHERE created_by = @CreatedBy ORDER BY id DESC LIMIT @Limit
        """;

    /// <summary>
    /// @Count more clicks for each link in @LinkIds, a JSON array of ids: into the narrow link_clicks rather than
    /// urls (see migration 0005), and <see cref="FoldClicks"/> moves them on. Links clicked equally often share a
    /// statement, and with clicks spread over many links most of a batch is clicked once. A flat array of numbers
    /// is what json_each reads fastest: an array of rows would be turned back into text for every field.
    /// </summary>
    public const string AddClicks = """
        INSERT INTO link_clicks (url_id, clicks)
        SELECT batch.value, @Count FROM json_each(@LinkIds) AS batch WHERE true
        ON CONFLICT (url_id) DO UPDATE SET clicks = clicks + excluded.clicks
        """;

    /// <summary>The last link of the next fold: at most @Limit pending links above @AfterId.</summary>
    public const string NextFoldEnd = """
        SELECT MAX(url_id) FROM (SELECT url_id FROM link_clicks WHERE url_id > @AfterId ORDER BY url_id LIMIT @Limit)
        """;

    /// <summary>
    /// Adds the pending clicks of links in (@AfterId, @UpToId] into urls.clicks; <see cref="ForgetFolded"/> follows in
    /// the same transaction. The pending links lead, each finding its row by id: as a join, SQLite carried the id range
    /// over to urls and walked every link in it, which is the whole table when a few links are clicked across it.
    /// </summary>
    public const string FoldClicks = """
        UPDATE urls SET clicks = urls.clicks + (SELECT pending.clicks FROM link_clicks AS pending WHERE pending.url_id = urls.id)
        WHERE urls.id IN (SELECT url_id FROM link_clicks WHERE url_id > @AfterId AND url_id <= @UpToId)
        """;

    public const string ForgetFolded = "DELETE FROM link_clicks WHERE url_id > @AfterId AND url_id <= @UpToId";

    /// <summary>
    /// @Visits more visits in one minute from one kind of visitor for each link in @LinkIds, as with
    /// <see cref="AddClicks"/>. (WHERE true tells SQLite's parser the ON CONFLICT is not a join's ON.)
    /// </summary>
    public const string AddVisits = """
        INSERT INTO visits (url_id, minute, referrer, browser, os, bot, clicks)
        SELECT batch.value, @Minute, @Referrer, @Browser, @Os, @Bot, @Visits FROM json_each(@LinkIds) AS batch WHERE true
        ON CONFLICT (url_id, minute, referrer, browser, os, bot) DO UPDATE SET clicks = clicks + excluded.clicks
        """;

    public const string Export = $"""
        {Fragments.ExportColumns}
        FROM urls ORDER BY urls.id
        """;

    public const string ExportByCreator = $"""
        {Fragments.ExportColumns}
        FROM urls WHERE urls.created_by = @CreatedBy ORDER BY urls.id
        """;

    /// <summary>Every field in one statement (<see cref="SharedSql.Parts.UpdateByCode"/>), returning the link as it now is.</summary>
    public const string Update = $"""
        {SharedSql.Parts.UpdateByCode}
        RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, {Fragments.AllClicks} AS Clicks,
            expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash, created_by AS CreatedBy,
            title AS Title, {Fragments.Tags} AS Tags, forward_query AS ForwardQuery, redirect_rules AS RedirectRules
        """;

    public const string CountLimitedClick = $"""
        UPDATE urls SET clicks = clicks + 1
        WHERE id = @Id AND (max_clicks IS NULL OR {Fragments.AllClicks} < max_clicks)
        """;

    /// <summary>
    /// The health check's write, in one transaction: the newest migration record's time gains a character and loses it
    /// again. Setting a value to itself would not do: SQLite leaves a page whose bytes do not change unwritten, and a
    /// commit with nothing written reaches no file, so it would pass on a full disk.
    /// </summary>
    public const string WriteNothing = """
        UPDATE schema_migrations SET applied_at = applied_at || '.' WHERE version = (SELECT max(version) FROM schema_migrations);
        UPDATE schema_migrations SET applied_at = substr(applied_at, 1, length(applied_at) - 1)
        WHERE version = (SELECT max(version) FROM schema_migrations)
        """;

    public const string CreateMigrationHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """;

    /// <summary>Parts of statements, apart from the statements so that the snapshots hold whole statements only.</summary>
    private static class Fragments
    {
        /// <summary>
        /// A link's clicks, in a statement over urls: those already in its row and those still waiting in link_clicks to
        /// be folded into it (migration 0005).
        /// </summary>
        public const string AllClicks =
            "urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0)";

        /// <summary>A link's tags, in a statement over urls: a JSON array of their names in the order they were given.</summary>
        public const string Tags = """
            (SELECT json_group_array(name) FROM (
                SELECT tags.name FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                WHERE link_tags.url_id = urls.id ORDER BY link_tags.position))
            """;

        /// <summary>What an export reads of each link, in a statement over urls; the statements add which links.</summary>
        public const string ExportColumns = $"""
            SELECT urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt,
                   {AllClicks} AS Clicks,
                   COALESCE((SELECT SUM(v.clicks) FROM visits v WHERE v.url_id = urls.id AND v.bot = 1), 0) AS BotClicks,
                   urls.password_hash IS NOT NULL AS IsProtected, urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks,
                   urls.title AS Title, {Tags} AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules
            """;
    }
}
