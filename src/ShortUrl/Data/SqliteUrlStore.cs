using System.Globalization;
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
            INSERT INTO urls (code, url, created_at, expires_at, max_clicks, password_hash)
            VALUES (@Code, @Url, @CreatedAt, @ExpiresAt, @MaxClicks, @PasswordHash)
            ON CONFLICT (code) DO NOTHING
            RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
                expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
            """;

        public const string FindByCode = """
            SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
                expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
            FROM urls WHERE code = @Code
            """;

        public const string Recent = """
            SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
                expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
            FROM urls ORDER BY id DESC LIMIT @Limit
            """;

        public const string AddClicks = "UPDATE urls SET clicks = clicks + @Count WHERE id = @Id";

        /// <summary>Every field in one statement, each kept unless its flag says otherwise: two edits never mix halves.</summary>
        public const string Update = """
            UPDATE urls SET
                url = CASE WHEN @ChangeUrl THEN @Url ELSE url END,
                expires_at = CASE WHEN @ChangeExpiresAt THEN @ExpiresAt ELSE expires_at END,
                max_clicks = CASE WHEN @ChangeMaxClicks THEN @MaxClicks ELSE max_clicks END,
                password_hash = CASE WHEN @ChangePasswordHash THEN @PasswordHash ELSE password_hash END
            WHERE code = @Code
            RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
                expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
            """;

        public const string Delete = "DELETE FROM urls WHERE code = @DeletedCode";

        public const string CountLimitedClick = """
            UPDATE urls SET clicks = clicks + 1
            WHERE id = @Id AND (max_clicks IS NULL OR clicks < max_clicks)
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

    public async Task<Link?> TryCreateAsync(string code, string url, DateTime createdAt, LinkRules rules, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            Sql.Insert,
            new
            {
                Code = code,
                Url = url,
                CreatedAt = FormatTime(createdAt),
                ExpiresAt = FormatTime(rules.ExpiresAt),
                rules.MaxClicks,
                rules.PasswordHash,
            },
            cancellationToken: cancellationToken));
        return row?.ToLink();
    }

    public async Task<Link?> UpdateAsync(string code, LinkChanges changes, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LinkRow>(new CommandDefinition(
            Sql.Update,
            new
            {
                Code = code,
                ChangeUrl = changes.Url.IsChanged,
                Url = changes.Url.Value,
                ChangeExpiresAt = changes.ExpiresAt.IsChanged,
                ExpiresAt = FormatTime(changes.ExpiresAt.Value),
                ChangeMaxClicks = changes.MaxClicks.IsChanged,
                MaxClicks = changes.MaxClicks.Value,
                ChangePasswordHash = changes.PasswordHash.IsChanged,
                PasswordHash = changes.PasswordHash.Value,
            },
            cancellationToken: cancellationToken));
        return row?.ToLink();
    }

    public async Task<bool> DeleteAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Sql.Delete, new { DeletedCode = code }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> TryCountLimitedClickAsync(long linkId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            Sql.CountLimitedClick, new { Id = linkId }, cancellationToken: cancellationToken)) > 0;
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

    public async Task AddClicksAsync(IReadOnlyCollection<KeyValuePair<long, long>> clicksByLinkId, CancellationToken cancellationToken)
    {
        if (clicksByLinkId.Count == 0)
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
        await transaction.CommitAsync(cancellationToken);
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

    private static string? FormatTime(DateTime? time) => time is { } value ? FormatTime(value) : null;

    private static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private sealed record LinkRow(
        long Id, string Code, string Url, string CreatedAt, long Clicks, string? ExpiresAt, long? MaxClicks, string? PasswordHash)
    {
        public Link ToLink() => new(
            Id, Code, Url, ParseTime(CreatedAt), Clicks, ExpiresAt is null ? null : ParseTime(ExpiresAt), MaxClicks, PasswordHash);
    }
}
