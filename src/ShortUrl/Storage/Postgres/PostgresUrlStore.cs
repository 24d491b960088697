using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;
using ShortUrl.Storage.Migrations;
using ShortUrl.Storage.Sqlite;

namespace ShortUrl.Storage.Postgres;

/// <summary>
/// The links in PostgreSQL, shared by every instance of the service: every SQL statement the service runs against
/// PostgreSQL is here. Connections come from Npgsql's pool, sized by the connection string (<c>Maximum Pool Size</c>, ...).
/// </summary>
public sealed class PostgresUrlStore : IUrlStore, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The statements, by name. Tests read this class to freeze each release's statements and replay them against
    /// newer schemas, so a statement changed here must also change the snapshot in the tests.
    /// </summary>
    internal static class Sql
    {
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

        public const string FindTargetByCode = """
            SELECT id AS Id, url AS Url, expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash IS NOT NULL AS HasPassword
            FROM urls WHERE code = @Code
            """;

        public const string CountLinks = "SELECT count(*) FROM urls";

        public const string PlainLinksAfter = """
            SELECT id AS Id, code AS Code, url AS Url FROM urls
            WHERE id > @AfterId AND expires_at IS NULL AND max_clicks IS NULL AND password_hash IS NULL
            ORDER BY id LIMIT @Limit
            """;

        public const string Recent = """
            SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, clicks AS Clicks,
                expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
            FROM urls ORDER BY id DESC LIMIT @Limit
            """;

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

        /// <summary>
        /// Sent in the transaction of an edit or a delete, so every instance hears of it when, and only if, it commits
        /// (<see cref="ListenForLinkChangesAsync"/>; the payload is the code).
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

        public const string ClicksByDay = """
            SELECT minute / 1440 AS Day, bot::bigint AS Bot, SUM(clicks)::bigint AS Clicks FROM visits
            WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
            GROUP BY minute / 1440, bot
            """;

        public const string ClicksByVisitor = """
            SELECT referrer AS Referrer, browser AS Browser, os AS Os, bot::bigint AS Bot, SUM(clicks)::bigint AS Clicks FROM visits
            WHERE url_id = @UrlId AND minute >= @FromMinute AND minute < @ToMinute
            GROUP BY referrer, browser, os, bot
            """;

        public const string BotClicks = "SELECT COALESCE(SUM(clicks), 0)::bigint FROM visits WHERE url_id = @UrlId AND bot = 1";

        public const string Export = """
            SELECT u.code AS Code, u.url AS Url, u.created_at AS CreatedAt, u.clicks AS Clicks,
                   COALESCE((SELECT SUM(v.clicks) FROM visits v WHERE v.url_id = u.id AND v.bot = 1), 0)::bigint AS BotClicks,
                   u.password_hash IS NOT NULL AS IsProtected
            FROM urls u ORDER BY u.id
            """;

        public const string Ping = "SELECT 1";

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

    private readonly NpgsqlDataSource _dataSource;

    /// <exception cref="ArgumentException">The connection string is not one Npgsql understands.</exception>
    public PostgresUrlStore(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public async Task<Link?> TryCreateAsync(string code, string url, DateTime createdAt, LinkRules rules, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(
            Sql.Insert,
            new
            {
                Code = code,
                Url = url,
                CreatedAt = ToStoredTime(createdAt),
                ExpiresAt = ToStoredTime(rules.ExpiresAt),
                rules.MaxClicks,
                rules.PasswordHash,
            },
            cancellationToken: cancellationToken));
    }

    public async Task<Link?> UpdateAsync(string code, LinkChanges changes, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var link = await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(
            Sql.Update,
            new
            {
                Code = code,
                ChangeUrl = changes.Url.IsChanged,
                Url = changes.Url.Value,
                ChangeExpiresAt = changes.ExpiresAt.IsChanged,
                ExpiresAt = ToStoredTime(changes.ExpiresAt.Value),
                ChangeMaxClicks = changes.MaxClicks.IsChanged,
                MaxClicks = changes.MaxClicks.Value,
                ChangePasswordHash = changes.PasswordHash.IsChanged,
                PasswordHash = changes.PasswordHash.Value,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (link is not null)
        {
            await NotifyLinkChangedAsync(connection, transaction, code, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return link;
    }

    public async Task<bool> DeleteAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            Sql.Delete, new { DeletedCode = code }, transaction, cancellationToken: cancellationToken)) > 0;
        if (deleted)
        {
            await NotifyLinkChangedAsync(connection, transaction, code, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<bool> TryCountLimitedClickAsync(long linkId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            Sql.CountLimitedClick, new { Id = linkId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>
    /// Listens until <paramref name="cancellationToken"/> fires, calling <paramref name="changed"/> with the code of every link
    /// that any instance edits or deletes from now on, and <paramref name="listening"/> once, as soon as nothing can be
    /// missed any more. Throws when the connection is lost: notifications sent meanwhile are lost with it.
    /// </summary>
    public async Task ListenForLinkChangesAsync(Action<string> changed, Action listening, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, notification) => changed(notification.Payload);
        await connection.ExecuteAsync(new CommandDefinition(Sql.ListenForLinkChanges, cancellationToken: cancellationToken));
        listening();
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
        }
    }

    public async Task<Link?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(
            Sql.FindByCode, new { Code = code }, cancellationToken: cancellationToken));
    }

    public async ValueTask<LinkTarget?> FindTargetAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition(
            Sql.FindTargetByCode, new { Code = code }, cancellationToken: cancellationToken));
        return row is null ? null : new LinkTarget(row.Id, row.Url, row.ExpiresAt, row.MaxClicks, row.HasPassword);
    }

    public async Task<long> CountLinksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql.CountLinks, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<PlainLink>> PlainLinksAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var links = await connection.QueryAsync<PlainLink>(new CommandDefinition(
            Sql.PlainLinksAfter, new { AfterId = afterId, Limit = limit }, cancellationToken: cancellationToken));
        return links.AsList();
    }

    public async Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var links = await connection.QueryAsync<Link>(new CommandDefinition(
            Sql.Recent, new { Limit = limit }, cancellationToken: cancellationToken));
        return links.AsList();
    }

    public async Task AddClicksAsync(ClickBatch batch, CancellationToken cancellationToken)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        // Sorted, so two instances updating the same rows lock them in the same order and never deadlock.
        var visits = batch.Visits
            .SelectMany(visits => Rows(visits.Links).Select(row => (row.LinkId, visits.Kind, row.Count)))
            .OrderBy(v => v.LinkId).ThenBy(v => v.Kind.Minute).ThenBy(v => v.Kind.Referrer, StringComparer.Ordinal)
            .ThenBy(v => v.Kind.Browser, StringComparer.Ordinal).ThenBy(v => v.Kind.Os, StringComparer.Ordinal).ThenBy(v => v.Kind.Bot)
            .ToList();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            Sql.AddClicks,
            new { Ids = batch.Clicks.LinkIds.ToArray(), Counts = batch.Clicks.Counts.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            Sql.AddVisits,
            new
            {
                UrlIds = visits.Select(v => v.LinkId).ToArray(),
                Minutes = visits.Select(v => v.Kind.Minute).ToArray(),
                Referrers = visits.Select(v => v.Kind.Referrer).ToArray(),
                Browsers = visits.Select(v => v.Kind.Browser).ToArray(),
                Oses = visits.Select(v => v.Kind.Os).ToArray(),
                Bots = visits.Select(v => (short)(v.Kind.Bot ? 1 : 0)).ToArray(),
                VisitCounts = visits.Select(v => v.Count).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private static IEnumerable<(long LinkId, long Count)> Rows(LinkCounts links)
    {
        for (var i = 0; i < links.Length; i++)
        {
            yield return (links.LinkIds.Span[i], links.Counts.Span[i]);
        }
    }

    /// <summary>Nothing to fold: PostgreSQL adds clicks to the links' own counts.</summary>
    public Task<long?> FoldClicksAsync(long afterId, int maxLinks, CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    public async Task<IReadOnlyList<DailyClicks>> ClicksByDayAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<DailyClicksRow>(new CommandDefinition(
            Sql.ClicksByDay, new { UrlId = linkId, FromMinute = fromMinute, ToMinute = toMinute }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDailyClicks()).ToList();
    }

    public async Task<IReadOnlyList<VisitorClicks>> ClicksByVisitorAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<VisitorClicksRow>(new CommandDefinition(
            Sql.ClicksByVisitor, new { UrlId = linkId, FromMinute = fromMinute, ToMinute = toMinute }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToVisitorClicks()).ToList();
    }

    public async Task<long> BotClicksAsync(long linkId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            Sql.BotClicks, new { UrlId = linkId }, cancellationToken: cancellationToken));
    }

    public async IAsyncEnumerable<ExportedLink> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await foreach (var link in connection.QueryUnbufferedAsync<ExportedLink>(Sql.Export).WithCancellation(cancellationToken))
        {
            yield return link;
        }
    }

    public async Task<IReadOnlyList<Link?>> ImportAsync(
        IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = new List<Link?>(links.Count);
        var time = ToStoredTime(createdAt);
        foreach (var link in links)
        {
            Link? row = null;
            for (var attempt = 0; row is null && attempt < (link.Alias is null ? SqliteUrlStore.ImportCodeAttempts : 1); attempt++)
            {
                row = await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(
                    Sql.Insert,
                    new
                    {
                        Code = link.Alias ?? newCode(), link.Url, CreatedAt = time,
                        // Imported links have no rules: no expiry, no click limit, no password.
                        ExpiresAt = (DateTime?)null, MaxClicks = (long?)null, PasswordHash = (string?)null,
                    },
                    transaction,
                    cancellationToken: cancellationToken));
            }

            created.Add(row);
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql.Ping, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<AppliedMigration>> ReadMigrationHistoryAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // Under the lock: two instances running CREATE TABLE IF NOT EXISTS at the same moment can both decide to create.
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(Sql.LockMigrations, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(Sql.CreateMigrationHistory, transaction: transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        var history = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            Sql.ReadMigrationHistory, cancellationToken: cancellationToken));
        return history.Select(h => h.ToAppliedMigration()).ToList();
    }

    public async Task<bool> ApplyMigrationAsync(Migration migration, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // Lock, then look: instances starting together queue up here and the later ones see the first one's record.
        // PostgreSQL's DDL is transactional, so a failing migration leaves nothing behind.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Sql.LockMigrations, transaction: transaction, cancellationToken: cancellationToken));
        var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            Sql.IsMigrationApplied, new { migration.Version }, transaction, cancellationToken: cancellationToken));
        if (applied > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            Sql.RecordMigration,
            new { migration.Version, migration.Name, migration.Checksum, AppliedAt = DateTime.UtcNow },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public void Dispose() => _dataSource.Dispose();

    private static Task NotifyLinkChangedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string code, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Sql.NotifyLinkChanged, new { Code = code }, transaction, cancellationToken: cancellationToken));

    private static DateTime? ToStoredTime(DateTime? time) => time is { } value ? ToStoredTime(value) : null;

    /// <summary>To the millisecond, as the SQLite store keeps it, so both stores answer with the same times.</summary>
    private static DateTime ToStoredTime(DateTime time)
    {
        var utc = time.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private sealed record HistoryRow(long Version, string Name, string Checksum, DateTime AppliedAt)
    {
        public AppliedMigration ToAppliedMigration() => new(
            Version, Name, Checksum, AppliedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    private sealed record TargetRow(long Id, string Url, DateTime? ExpiresAt, long? MaxClicks, bool HasPassword);
}
