using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using ShortUrl.Storage.Migrations;

namespace ShortUrl.Storage.Sqlite;

/// <summary>The links in an embedded SQLite file: every SQL statement the service runs against SQLite is here.</summary>
public sealed class SqliteUrlStore : IUrlStore, IDisposable
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

        public const string FindByCode = $"""
            SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, {AllClicks} AS Clicks,
                expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
            FROM urls WHERE code = @Code
            """;

        public const string FindTargetByCode = """
            SELECT id, url, expires_at, max_clicks, password_hash IS NOT NULL
            FROM urls WHERE code = @Code
            """;

        public const string CountLinks = "SELECT count(*) FROM urls";

        public const string PlainLinksAfter = """
            SELECT id, code, url FROM urls
            WHERE id > @AfterId AND expires_at IS NULL AND max_clicks IS NULL AND password_hash IS NULL
            ORDER BY id LIMIT @Limit
            """;

        public const string Recent = $"""
            SELECT id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, {AllClicks} AS Clicks,
                expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
            FROM urls ORDER BY id DESC LIMIT @Limit
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

        public const string Export = $"""
            SELECT urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt,
                   {AllClicks} AS Clicks,
                   COALESCE((SELECT SUM(v.clicks) FROM visits v WHERE v.url_id = urls.id AND v.bot = 1), 0) AS BotClicks,
                   urls.password_hash IS NOT NULL AS IsProtected
            FROM urls ORDER BY urls.id
            """;

        /// <summary>Every field in one statement, each kept unless its flag says otherwise: two edits never mix halves.</summary>
        public const string Update = $"""
            UPDATE urls SET
                url = CASE WHEN @ChangeUrl THEN @Url ELSE url END,
                expires_at = CASE WHEN @ChangeExpiresAt THEN @ExpiresAt ELSE expires_at END,
                max_clicks = CASE WHEN @ChangeMaxClicks THEN @MaxClicks ELSE max_clicks END,
                password_hash = CASE WHEN @ChangePasswordHash THEN @PasswordHash ELSE password_hash END
            WHERE code = @Code
            RETURNING id AS Id, code AS Code, url AS Url, created_at AS CreatedAt, {AllClicks} AS Clicks,
                expires_at AS ExpiresAt, max_clicks AS MaxClicks, password_hash AS PasswordHash
            """;

        public const string Delete = "DELETE FROM urls WHERE code = @DeletedCode";

        public const string CountLimitedClick = $"""
            UPDATE urls SET clicks = clicks + 1
            WHERE id = @Id AND (max_clicks IS NULL OR {AllClicks} < max_clicks)
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

    /// <summary>
    /// A link's clicks, in a statement over urls: those already in its row and those still waiting in link_clicks to be
    /// folded into it (migration 0005). Outside <see cref="Sql"/>, which holds whole statements only.
    /// </summary>
    private const string AllClicks = "urls.clicks + COALESCE((SELECT pending.clicks FROM link_clicks pending WHERE pending.url_id = urls.id), 0)";

    /// <summary>Generated codes tried for one imported link before giving up; a collision is already rare.</summary>
    internal const int ImportCodeAttempts = 10;

    // A bound on one transaction, so that the first callers of a burst are not held back by all of the rest.
    private const int MaxInsertBatch = 512;

    /// <summary>Links per statement of a batched write: few enough that no statement's text lands on the large object heap.</summary>
    private const int LinksPerStatement = 1000;

    // A short stretch of each table when clicks are spread over many links (a few hundred pages), still in SQLite's
    // page cache (2 MB by default) when the window's rarer counts come round.
    private const int LinksPerWindow = 2 * LinksPerStatement;

    private readonly string _connectionString;
    private readonly SqliteConnectionPool _readers;

    // One connection, behind _writeGate: this process's writes queue here rather than in SQLite's busy handler, which
    // sleeps in steps of milliseconds.
    private readonly SqliteConnectionPool _writer;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Channel<PendingInsert> _pendingInserts = Channel.CreateUnbounded<PendingInsert>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _insertWriter;

    public SqliteUrlStore(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (builder.Mode is not SqliteOpenMode.Memory && builder.DataSource.Length > 0 && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        DatabasePath = builder.DataSource;
        _connectionString = builder.ToString();
        builder.Pooling = false;
        // Reads run on the request's thread, so there are about as many at once as the thread pool has threads.
        _readers = new SqliteConnectionPool(builder.ToString(), Sql.OpenConnection, maxIdle: 16);
        _writer = new SqliteConnectionPool(builder.ToString(), Sql.OpenConnection, maxIdle: 1);
        _insertWriter = Task.Run(WritePendingInsertsAsync);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <remarks>
    /// Group commit: creates queue up for one writer, which inserts everything waiting in one transaction while the
    /// next ones queue. Throughput rises with concurrency instead of queueing for a commit each; a taken code still
    /// has exactly one winner, since a batch's inserts run one after another.
    /// </remarks>
    public Task<Link?> TryCreateAsync(string code, string url, DateTime createdAt, LinkRules rules, CancellationToken cancellationToken)
    {
        // Not cancellable: once queued, the insert is the writer's to make, and its caller learns the outcome.
        var insert = new PendingInsert(code, url, FormatTime(createdAt), FormatTime(rules.ExpiresAt), rules.MaxClicks, rules.PasswordHash);
        return _pendingInserts.Writer.TryWrite(insert)
            ? insert.Outcome.Task
            : Task.FromException<Link?>(new ObjectDisposedException(nameof(SqliteUrlStore)));
    }

    public Task<Link?> FindAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult(Read(code, static (connection, code) =>
        {
            var find = connection.Prepared(Sql.FindByCode, "@Code");
            find.Parameters[0].Value = code;
            using var row = find.ExecuteReader();
            return row.Read() ? ReadLink(row) : null;
        }));

    public ValueTask<LinkTarget?> FindTargetAsync(string code, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(code, static (connection, code) =>
        {
            var find = connection.Prepared(Sql.FindTargetByCode, "@Code");
            find.Parameters[0].Value = code;
            using var row = find.ExecuteReader();
            return row.Read()
                ? new LinkTarget(
                    row.GetInt64(0),
                    row.GetString(1),
                    row.IsDBNull(2) ? null : ParseTime(row.GetString(2)),
                    row.IsDBNull(3) ? null : row.GetInt64(3),
                    row.GetBoolean(4))
                : (LinkTarget?)null;
        }));

    public Task<long> CountLinksAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read(0, static (connection, _) => (long)connection.Prepared(Sql.CountLinks).ExecuteScalar()!));

    public Task<IReadOnlyList<PlainLink>> PlainLinksAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(Read((afterId, limit), static (connection, page) =>
        {
            var plain = connection.Prepared(Sql.PlainLinksAfter, "@AfterId", "@Limit");
            plain.Parameters[0].Value = page.afterId;
            plain.Parameters[1].Value = page.limit;
            using var rows = plain.ExecuteReader();
            var links = new List<PlainLink>(page.limit);
            while (rows.Read())
            {
                links.Add(new PlainLink(rows.GetInt64(0), rows.GetString(1), rows.GetString(2)));
            }

            return (IReadOnlyList<PlainLink>)links;
        }));

    public Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult(Read(limit, static (connection, limit) =>
        {
            var recent = connection.Prepared(Sql.Recent, "@Limit");
            recent.Parameters[0].Value = limit;
            using var rows = recent.ExecuteReader();
            var links = new List<Link>(Math.Min(limit, 128));
            while (rows.Read())
            {
                links.Add(ReadLink(rows));
            }

            return (IReadOnlyList<Link>)links;
        }));

    public async Task AddClicksAsync(ClickBatch batch, CancellationToken cancellationToken)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            Write(batch, static (connection, batch) =>
            {
                using var transaction = connection.Connection.BeginTransaction();
                var addClicks = connection.Prepared(Sql.AddClicks, "@LinkIds", "@Count");
                addClicks.Transaction = transaction;
                foreach (var (count, linkIds) in LinkIdsByCount(batch.Clicks))
                {
                    addClicks.Parameters[0].Value = linkIds;
                    addClicks.Parameters[1].Value = count;
                    addClicks.ExecuteNonQuery();
                }

                var addVisits = connection.Prepared(Sql.AddVisits, "@LinkIds", "@Minute", "@Referrer", "@Browser", "@Os", "@Bot", "@Visits");
                addVisits.Transaction = transaction;
                foreach (var (kind, links) in batch.Visits)
                {
                    addVisits.Parameters[1].Value = kind.Minute;
                    addVisits.Parameters[2].Value = kind.Referrer;
                    addVisits.Parameters[3].Value = kind.Browser;
                    addVisits.Parameters[4].Value = kind.Os;
                    addVisits.Parameters[5].Value = kind.Bot ? 1 : 0;
                    foreach (var (count, linkIds) in LinkIdsByCount(links))
                    {
                        addVisits.Parameters[0].Value = linkIds;
                        addVisits.Parameters[6].Value = count;
                        addVisits.ExecuteNonQuery();
                    }
                }

                transaction.Commit();
                return batch.Clicks.Length;
            });
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<long?> FoldClicksAsync(long afterId, int maxLinks, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return Write((afterId, maxLinks), static (connection, fold) =>
            {
                using var transaction = connection.Connection.BeginTransaction();
                var end = connection.Prepared(Sql.NextFoldEnd, "@AfterId", "@Limit");
                end.Transaction = transaction;
                end.Parameters[0].Value = fold.afterId;
                end.Parameters[1].Value = fold.maxLinks;
                if (end.ExecuteScalar() is not long upToId)
                {
                    return (long?)null;
                }

                foreach (var sql in (ReadOnlySpan<string>)[Sql.FoldClicks, Sql.ForgetFolded])
                {
                    var step = connection.Prepared(sql, "@AfterId", "@UpToId");
                    step.Transaction = transaction;
                    step.Parameters[0].Value = fold.afterId;
                    step.Parameters[1].Value = upToId;
                    step.ExecuteNonQuery();
                }

                transaction.Commit();
                return upToId;
            });
        }
        finally
        {
            _writeGate.Release();
        }
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
            yield return new ExportedLink(row.Code, row.Url, ParseTime(row.CreatedAt), row.Clicks, row.BotClicks, row.IsProtected != 0);
        }
    }

    public async Task<IReadOnlyList<Link?>> ImportAsync(
        IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return Write((links, newCode, createdAt: FormatTime(createdAt)), static (connection, import) =>
            {
                using var transaction = connection.Connection.BeginTransaction();
                var insert = connection.Prepared(Sql.Insert, "@Code", "@Url", "@CreatedAt", "@ExpiresAt", "@MaxClicks", "@PasswordHash");
                insert.Transaction = transaction;
                // Imported links have no rules: no expiry, no click limit, no password.
                insert.Parameters[3].Value = DBNull.Value;
                insert.Parameters[4].Value = DBNull.Value;
                insert.Parameters[5].Value = DBNull.Value;
                var created = new List<Link?>(import.links.Count);
                foreach (var link in import.links)
                {
                    Link? inserted = null;
                    for (var attempt = 0; inserted is null && attempt < (link.Alias is null ? ImportCodeAttempts : 1); attempt++)
                    {
                        insert.Parameters[0].Value = link.Alias ?? import.newCode();
                        insert.Parameters[1].Value = link.Url;
                        insert.Parameters[2].Value = import.createdAt;
                        using var row = insert.ExecuteReader();
                        inserted = row.Read() ? ReadLink(row) : null;
                    }

                    created.Add(inserted);
                }

                transaction.Commit();
                return (IReadOnlyList<Link?>)created;
            });
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<Link?> UpdateAsync(string code, LinkChanges changes, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return Write((code, changes), static (connection, edit) =>
            {
                var update = connection.Prepared(
                    Sql.Update, "@ChangeUrl", "@Url", "@ChangeExpiresAt", "@ExpiresAt", "@ChangeMaxClicks", "@MaxClicks",
                    "@ChangePasswordHash", "@PasswordHash", "@Code");
                var (code, changes) = edit;
                update.Parameters[0].Value = changes.Url.IsChanged;
                update.Parameters[1].Value = (object?)changes.Url.Value ?? DBNull.Value;
                update.Parameters[2].Value = changes.ExpiresAt.IsChanged;
                update.Parameters[3].Value = (object?)FormatTime(changes.ExpiresAt.Value) ?? DBNull.Value;
                update.Parameters[4].Value = changes.MaxClicks.IsChanged;
                update.Parameters[5].Value = (object?)changes.MaxClicks.Value ?? DBNull.Value;
                update.Parameters[6].Value = changes.PasswordHash.IsChanged;
                update.Parameters[7].Value = (object?)changes.PasswordHash.Value ?? DBNull.Value;
                update.Parameters[8].Value = code;
                using var row = update.ExecuteReader();
                return row.Read() ? ReadLink(row) : null;
            });
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task<bool> DeleteAsync(string code, CancellationToken cancellationToken) =>
        WriteOneAsync(Sql.Delete, "@DeletedCode", code, cancellationToken);

    public Task<bool> TryCountLimitedClickAsync(long linkId, CancellationToken cancellationToken) =>
        WriteOneAsync(Sql.CountLimitedClick, "@Id", linkId, cancellationToken);

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

    public void Dispose()
    {
        _pendingInserts.Writer.TryComplete();
        _insertWriter.Wait();
        _readers.Dispose();
        _writer.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>The one writer of new links: whatever has queued while it wrote the last batch makes the next.</summary>
    private async Task WritePendingInsertsAsync()
    {
        var batch = new List<PendingInsert>(MaxInsertBatch);
        while (await _pendingInserts.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxInsertBatch && _pendingInserts.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await _writeGate.WaitAsync();
            try
            {
                WriteBatch(batch);
            }
            finally
            {
                _writeGate.Release();
            }

            batch.Clear();
        }
    }

    /// <summary>Never throws: each caller learns its own outcome, a failure included.</summary>
    private void WriteBatch(List<PendingInsert> batch)
    {
        try
        {
            InsertAndComplete(batch);
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One failing row must not fail the others that happened to share its transaction.
            foreach (var pending in batch)
            {
                try
                {
                    InsertAndComplete([pending]);
                }
                catch (Exception e)
                {
                    pending.Outcome.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            batch[0].Outcome.TrySetException(e);
        }
    }

    /// <summary>Inserts <paramref name="batch"/> in one transaction; each caller learns its outcome once it is committed.</summary>
    private void InsertAndComplete(IReadOnlyList<PendingInsert> batch)
    {
        var links = Write(batch, static (connection, batch) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var insert = connection.Prepared(Sql.Insert, "@Code", "@Url", "@CreatedAt", "@ExpiresAt", "@MaxClicks", "@PasswordHash");
            insert.Transaction = transaction;
            var inserted = new Link?[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                insert.Parameters[0].Value = batch[i].Code;
                insert.Parameters[1].Value = batch[i].Url;
                insert.Parameters[2].Value = batch[i].CreatedAt;
                insert.Parameters[3].Value = (object?)batch[i].ExpiresAt ?? DBNull.Value;
                insert.Parameters[4].Value = (object?)batch[i].MaxClicks ?? DBNull.Value;
                insert.Parameters[5].Value = (object?)batch[i].PasswordHash ?? DBNull.Value;
                using var row = insert.ExecuteReader();
                inserted[i] = row.Read() ? ReadLink(row) : null;
            }

            transaction.Commit();
            return inserted;
        });

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Outcome.TrySetResult(links[i]);
        }
    }

    /// <summary>Runs a statement of one parameter on the writer; true when it changed a row.</summary>
    private async Task<bool> WriteOneAsync(string sql, string parameterName, object value, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return Write((sql, parameterName, value), static (connection, statement) =>
            {
                var command = connection.Prepared(statement.sql, statement.parameterName);
                command.Parameters[0].Value = statement.value;
                return command.ExecuteNonQuery() > 0;
            });
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// The links of <paramref name="links"/> a window of <see cref="LinksPerWindow"/> links at a time, grouped by their
    /// count, each group in ascending order as JSON arrays of at most <see cref="LinksPerStatement"/> ids.
    /// </summary>
    private static IEnumerable<(long Count, string LinkIds)> LinkIdsByCount(LinkCounts links)
    {
        // Most links of a batch share a count (one click each, when clicks are spread thin), so a window makes few
        // groups. Grouping a window at a time rather than the whole batch keeps the statements in link order: the
        // rarer counts' statements then find their pages still in SQLite's cache, rather than rewriting them a second
        // time after the whole table has gone by.
        var counts = ArrayPool<long>.Shared.Rent(LinksPerWindow);
        var linkIds = ArrayPool<long>.Shared.Rent(LinksPerWindow);
        try
        {
            var json = new StringBuilder();
            for (var window = 0; window < links.Length; window += LinksPerWindow)
            {
                var length = Math.Min(LinksPerWindow, links.Length - window);
                links.Counts.Slice(window, length).CopyTo(counts);
                links.LinkIds.Slice(window, length).CopyTo(linkIds);
                Array.Sort(counts, linkIds, 0, length);
                for (var start = 0; start < length;)
                {
                    var end = start;
                    while (end < length && counts[end] == counts[start])
                    {
                        end++;
                    }

                    // Sorting by count left each group's links out of order.
                    Array.Sort(linkIds, start, end - start);
                    for (var chunk = start; chunk < end; chunk += LinksPerStatement)
                    {
                        json.Clear().Append('[');
                        var chunkEnd = Math.Min(chunk + LinksPerStatement, end);
                        for (var i = chunk; i < chunkEnd; i++)
                        {
                            json.Append(i == chunk ? "" : ",").Append(linkIds[i]);
                        }

                        yield return (counts[start], json.Append(']').ToString());
                    }

                    start = end;
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(counts);
            ArrayPool<long>.Shared.Return(linkIds);
        }
    }

    private T Read<TState, T>(TState state, Func<PooledSqliteConnection, TState, T> query) => Use(_readers, state, query);

    /// <summary>Runs <paramref name="write"/> on the writer connection; the caller holds <see cref="_writeGate"/>.</summary>
    private T Write<TState, T>(TState state, Func<PooledSqliteConnection, TState, T> write) => Use(_writer, state, write);

    private static T Use<TState, T>(SqliteConnectionPool pool, TState state, Func<PooledSqliteConnection, TState, T> work)
    {
        var connection = pool.Rent();
        T result;
        try
        {
            result = work(connection, state);
        }
        catch
        {
            // Whatever went wrong may have left the connection or its statements in a bad state: start afresh.
            pool.Return(connection, broken: true);
            throw;
        }

        pool.Return(connection);
        return result;
    }

    /// <summary>A row selected as Id, Code, Url, CreatedAt, Clicks, ExpiresAt, MaxClicks, PasswordHash, in that order.</summary>
    private static Link ReadLink(SqliteDataReader row) =>
        new(
            row.GetInt64(0), row.GetString(1), row.GetString(2), ParseTime(row.GetString(3)), row.GetInt64(4),
            row.IsDBNull(5) ? null : ParseTime(row.GetString(5)),
            row.IsDBNull(6) ? null : row.GetInt64(6),
            row.IsDBNull(7) ? null : row.GetString(7));

    /// <summary>ISO 8601 in UTC with milliseconds: sorts as text and reads back unambiguously.</summary>
    private static string FormatTime(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? FormatTime(DateTime? time) => time is { } value ? FormatTime(value) : null;

    private static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private sealed record ExportRow(string Code, string Url, string CreatedAt, long Clicks, long BotClicks, long IsProtected);

    private sealed record PendingInsert(string Code, string Url, string CreatedAt, string? ExpiresAt, long? MaxClicks, string? PasswordHash)
    {
        public TaskCompletionSource<Link?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
