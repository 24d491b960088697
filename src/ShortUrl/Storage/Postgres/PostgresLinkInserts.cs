using System.Threading.Channels;
using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>
/// Group commit on PostgreSQL: creates queue up for one writer, which inserts everything waiting on one connection in
/// one transaction while the next ones queue, so that a burst of creates pays for one commit (and its WAL flush)
/// rather than one each, and takes one pooled connection rather than one each. A taken code still has exactly one
/// winner: <c>ON CONFLICT (code) DO NOTHING</c> holds within a transaction as across them.
/// </summary>
internal sealed class PostgresLinkInserts : IDisposable
{
    // A bound on one transaction, so that the first callers of a burst are not held back by all of the rest.
    private const int MaxBatch = 256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<PendingInsert> _pending = Channel.CreateUnbounded<PendingInsert>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresLinkInserts(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _writer = Task.Run(WritePendingAsync);
    }

    /// <summary>The link inserted, or null when its code is taken. Not cancellable: once queued, the insert is the writer's to make.</summary>
    public Task<Link?> InsertAsync(string code, string url, DateTime createdAt, LinkRules rules, string? createdBy, LinkLabels labels)
    {
        var insert = new PendingInsert(code, url, createdAt, rules, createdBy, labels);
        return _pending.Writer.TryWrite(insert)
            ? insert.Outcome.Task
            : Task.FromException<Link?>(new ObjectDisposedException(nameof(PostgresLinkInserts)));
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public void Dispose()
    {
        _pending.Writer.TryComplete();
        _writer.Wait();
    }

    /// <summary>The one writer of new links: whatever has queued while it wrote the last batch makes the next.</summary>
    private async Task WritePendingAsync()
    {
        var batch = new List<PendingInsert>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    /// <summary>Never throws: each caller learns its own outcome, a failure included.</summary>
    private async Task WriteBatchAsync(List<PendingInsert> batch)
    {
        try
        {
            await InsertAndCompleteAsync(batch);
        }
        catch (PostgresException) when (batch.Count > 1)
        {
            // The server refused a statement: one failing row must not fail the others that happened to share its
            // transaction. (A server out of reach fails them all at once below, rather than once each.)
            foreach (var pending in batch)
            {
                try
                {
                    await InsertAndCompleteAsync([pending]);
                }
                catch (Exception e)
                {
                    pending.Outcome.TrySetException(e);
                }
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Outcome.TrySetException(e);
            }
        }
    }

    /// <summary>Inserts <paramref name="batch"/> in one transaction; each caller learns its outcome once it is committed.</summary>
    private async Task InsertAndCompleteAsync(IReadOnlyList<PendingInsert> batch)
    {
        var inserted = new Link?[batch.Count];
        await using (var connection = await _dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            if (batch.All(pending => pending.Labels.Tags.Count == 0))
            {
                await InsertUntaggedAsync(connection, transaction, batch, inserted);
            }
            else
            {
                await InsertOneByOneAsync(connection, transaction, batch, inserted);
            }

            await transaction.CommitAsync();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Outcome.TrySetResult(inserted[i]);
        }
    }

    /// <summary>Every insert of the batch sent at once, as one batch of statements: one round trip, not one each.</summary>
    private static async Task InsertUntaggedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingInsert> batch, Link?[] inserted)
    {
        await using var statements = new NpgsqlBatch(connection, transaction);
        foreach (var (code, url, createdAt, rules, createdBy, labels) in batch)
        {
            var insert = new NpgsqlBatchCommand(PostgresStatements.Insert);
            insert.Parameters.AddWithValue("Code", code);
            insert.Parameters.AddWithValue("Url", url);
            insert.Parameters.AddWithValue("CreatedAt", StoredTime.ToMilliseconds(createdAt));
            insert.Parameters.AddWithValue("ExpiresAt", (object?)StoredTime.ToMilliseconds(rules.ExpiresAt) ?? DBNull.Value);
            insert.Parameters.AddWithValue("MaxClicks", (object?)rules.MaxClicks ?? DBNull.Value);
            insert.Parameters.AddWithValue("PasswordHash", (object?)rules.PasswordHash ?? DBNull.Value);
            insert.Parameters.AddWithValue("CreatedBy", (object?)createdBy ?? DBNull.Value);
            insert.Parameters.AddWithValue("Title", (object?)labels.Title ?? DBNull.Value);
            insert.Parameters.AddWithValue("ForwardQuery", rules.ForwardQuery);
            insert.Parameters.AddWithValue("RedirectRules", (object?)rules.RedirectRules ?? DBNull.Value);
            statements.BatchCommands.Add(insert);
        }

        await using var reader = await statements.ExecuteReaderAsync();
        var parse = reader.GetRowParser<Link>();
        for (var i = 0; i < batch.Count; i++)
        {
            inserted[i] = await reader.ReadAsync() ? parse(reader) : null;
            await reader.NextResultAsync();
        }
    }

    /// <summary>With tags, which follow their link's insert, one statement after another.</summary>
    private static async Task InsertOneByOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingInsert> batch, Link?[] inserted)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var (code, url, createdAt, rules, createdBy, labels) = batch[i];
            var link = await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(
                PostgresStatements.Insert,
                new
                {
                    Code = code,
                    Url = url,
                    CreatedAt = StoredTime.ToMilliseconds(createdAt),
                    ExpiresAt = StoredTime.ToMilliseconds(rules.ExpiresAt),
                    rules.MaxClicks,
                    rules.PasswordHash,
                    CreatedBy = createdBy,
                    labels.Title,
                    rules.ForwardQuery,
                    rules.RedirectRules,
                },
                transaction));
            if (link is not null && labels.Tags.Count > 0)
            {
                await PostgresLinkTags.WriteAsync(connection, transaction, link.Id, labels.Tags, replace: false, CancellationToken.None);
                link = link with { Tags = [.. labels.Tags] };
            }

            inserted[i] = link;
        }
    }

    private sealed record PendingInsert(
        string Code, string Url, DateTime CreatedAt, LinkRules Rules, string? CreatedBy, LinkLabels Labels)
    {
        public TaskCompletionSource<Link?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
