using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ShortUrl.Data;

/// <summary>The links in an embedded SQLite file: every SQL statement the service runs against SQLite is here.</summary>
public sealed class SqliteUrlStore : IUrlStore
{
    /// <summary>
    /// The statements, by name. Tests read this class to freeze each release's statements and replay them against
    /// newer schemas, so a statement changed here must also change the snapshot in the tests.
    /// </summary>
    internal static class Sql
    {
        public const string OpenConnection = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

        public const string EnableWal = "PRAGMA journal_mode = WAL;";

        public const string Insert = """
            INSERT INTO urls (code, url, created_at) VALUES (@Code, @Url, @CreatedAt)
            ON CONFLICT (code) DO NOTHING
            RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks
            """;

        public const string FindByCode = """
            SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks
            FROM urls WHERE code = @Code
            """;

        public const string Recent = """
            SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks
            FROM urls ORDER BY id DESC LIMIT @Limit
            """;

        public const string AddClicks = "UPDATE urls SET clicks = clicks + @Count WHERE id = @Id";

        public const string AddVisits = """
            INSERT INTO visits (url_id, minute, referrer, browser, os, bot, clicks)
            VALUES (@UrlId, @Minute, @Referrer, @Browser, @Os, @Bot, @Visits)
            ON CONFLICT (url_id, minute, referrer, browser, os, bot) DO UPDATE SET clicks = clicks + excluded.clicks
            """;

        public const string ClicksByDay = """
            SELECT minute / 1440 AS Day, bot AS Bot, SUM(clicks) AS Clicks FROM visits
            WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
            GROUP BY minute / 1440, bot
            """;

        public const string ClicksByVisitor = """
            SELECT referrer AS Referrer, browser AS Browser, os AS Os, bot AS Bot, SUM(clicks) AS Clicks FROM visits
            WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
            GROUP BY referrer, browser, os, bot
            """;

        public const string BotClicks = "SELECT COALESCE(SUM(clicks), 0) FROM visits WHERE url_id = @UrlId AND bot = 1";

        public const string Export = """
            SELECT u.code AS Code, u.url AS Url, u.created_at AS CreatedAt, u.clicks AS Clicks,
                   COALESCE((SELECT SUM(v.clicks) FROM visits v WHERE v.url_id = u.id AND v.bot = 1), 0) AS BotClicks
            FROM urls u ORDER BY u.id
            """;

        public const string Ping = "SELECT 1";

        public const string CreateMigrationHistory = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                checksum   TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """;

        public const string ReadMigrationHistory = """
            SELECT version AS Version, name AS Name, checksum AS Checksum, applied_at AS AppliedAt
            FROM schema_migrations ORDER BY version
            """;

        public const string IsMigrationApplied = "SELECT COUNT(*) FROM schema_migrations WHERE version = @Version";

        public const string RecordMigration = """
            INSERT INTO schema_migrations (version, name, checksum, applied_at)
            VALUES (@Version, @Name, @Checksum, @AppliedAt)
            """;
    }

    /// <summary>Generated codes tried for one imported link before giving up; a collision is already rare.</summary>
    internal const int ImportCodeAttempts = 10;

    private readonly string _connectionString;

    public SqliteUrlStore(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (builder.Mode is not SqliteOpenMode.Memory && builder.DataSource.Length > 0 && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        DatabasePath = builder.DataSource;
        _connectionString = builder.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    public async Task<Link?> TryCreateAsync(string code, string url, DateTime createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            Sql.Insert, new { Code = code, Url = url, CreatedAt = FormatTime(createdAt) }, cancellationToken: cancellationToken));
        return row?.ToLink();
    }

    public async Task<Link?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            Sql.FindByCode, new { Code = code }, cancellationToken: cancellationToken));
        return row?.ToLink();
    }

    public async Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LinkRow>(new CommandDefinition(
            Sql.Recent, new { Limit = limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToLink()).ToList();
    }

    public async Task AddClicksAsync(
        IReadOnlyCollection<KeyValuePair<long, long>> clicksByLinkId, IReadOnlyCollection<VisitCount> visits, CancellationToken cancellationToken)
    {
        if (clicksByLinkId.Count == 0 && visits.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            Sql.AddClicks,
            clicksByLinkId.Select(c => new { Id = c.Key, Count = c.Value }),
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            Sql.AddVisits,
            visits.Select(v => new
            {
                UrlId = v.LinkId, v.Minute, v.Referrer, v.Browser, v.Os, Bot = v.Bot ? 1 : 0, Visits = v.Clicks,
            }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DailyClicks>> ClicksByDayAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DailyClicksRow>(new CommandDefinition(
            Sql.ClicksByDay, new { UrlId = linkId, FromMinute = fromMinute, ToMinute = toMinute }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDailyClicks()).ToList();
    }

    public async Task<IReadOnlyList<VisitorClicks>> ClicksByVisitorAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<VisitorClicksRow>(new CommandDefinition(
            Sql.ClicksByVisitor, new { UrlId = linkId, FromMinute = fromMinute, ToMinute = toMinute }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToVisitorClicks()).ToList();
    }

    public async Task<long> BotClicksAsync(long linkId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            Sql.BotClicks, new { UrlId = linkId }, cancellationToken: cancellationToken));
    }

    public async IAsyncEnumerable<ExportedLink> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await foreach (var row in connection.QueryUnbufferedAsync<ExportRow>(Sql.Export).WithCancellation(cancellationToken))
        {
            yield return new ExportedLink(row.Code, row.Url, ParseTime(row.CreatedAt), row.Clicks, row.BotClicks);
        }
    }

    public async Task<IReadOnlyList<Link?>> ImportAsync(
        IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = new List<Link?>(links.Count);
        var time = FormatTime(createdAt);
        foreach (var link in links)
        {
            LinkRow? row = null;
            for (var attempt = 0; row is null && attempt < (link.Alias is null ? ImportCodeAttempts : 1); attempt++)
            {
                row = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
                    Sql.Insert, new { Code = link.Alias ?? newCode(), link.Url, CreatedAt = time }, transaction, cancellationToken: cancellationToken));
            }

            created.Add(row?.ToLink());
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql.Ping, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<AppliedMigration>> ReadMigrationHistoryAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await OpenAsync(cancellationToken);
        // WAL lets redirects read while a create writes; the setting is stored in the file, so once is enough.
        await connection.ExecuteAsync(new CommandDefinition(Sql.EnableWal, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(Sql.CreateMigrationHistory, cancellationToken: cancellationToken));
        var history = await connection.QueryAsync<AppliedMigration>(new CommandDefinition(
            Sql.ReadMigrationHistory, cancellationToken: cancellationToken));
        return history.ToList();
    }

    public async Task<bool> ApplyMigrationAsync(Migration migration, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: take the write lock before looking, so two processes starting together queue up here and
        // the second one sees the first one's record.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            Sql.IsMigrationApplied, new { migration.Version }, transaction, cancellationToken: cancellationToken));
        if (applied > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            Sql.RecordMigration,
            new { migration.Version, migration.Name, migration.Checksum, AppliedAt = FormatTime(DateTime.UtcNow) },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Per connection: wait for the single writer instead of failing with "database is locked", and with WAL
            // sync at checkpoints, not at every commit (a process crash still loses nothing that was committed).
            await connection.ExecuteAsync(Sql.OpenConnection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>ISO 8601 in UTC with milliseconds: sorts as text and reads back unambiguously.</summary>
    private static string FormatTime(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private sealed record ExportRow(string Code, string Url, string CreatedAt, long Clicks, long BotClicks);

    private sealed record LinkRow(long Id, string Code, string Url, string CreatedAt, long Clicks)
    {
        public Link ToLink() => new(Id, Code, Url, ParseTime(CreatedAt), Clicks);
    }
}
