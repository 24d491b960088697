using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>
/// Group commit on PostgreSQL (<see cref="GroupCommitInserts"/>): everything waiting is inserted on one connection in
/// one transaction, so that a burst of creates pays for one commit (and its WAL flush) rather than one each, and takes
/// one pooled connection rather than one each. A taken code still has exactly one winner: <c>ON CONFLICT (code) DO
/// NOTHING</c> holds within a transaction as across them.
/// </summary>
internal sealed class PostgresLinkInserts(NpgsqlDataSource dataSource) : GroupCommitInserts(MaxBatch)
{
    private const int MaxBatch = 256;

    protected override async Task<Link?[]> InsertBatchAsync(IReadOnlyList<PendingInsert> batch)
    {
        var inserted = new Link?[batch.Count];
        var order = PostgresLockOrder.ByCode([.. batch.Select(pending => pending.Code)]);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (batch.All(pending => pending.Labels.Tags.Count == 0))
        {
            await InsertUntaggedAsync(connection, transaction, batch, order, inserted);
        }
        else
        {
            await PostgresLockOrder.AddTagsFirstAsync(connection, transaction, batch.SelectMany(pending => pending.Labels.Tags), CancellationToken.None);
            await InsertOneByOneAsync(connection, transaction, batch, order, inserted);
        }

        await transaction.CommitAsync();
        return inserted;
    }

    /// <summary>
    /// Only when the server refused a statement may one row be to blame; a server out of reach fails the whole batch at
    /// once, rather than once each.
    /// </summary>
    protected override bool MayBeOneRows(Exception failure) => failure is PostgresException;

    /// <summary>Every insert of the batch sent at once, as one batch of statements: one round trip, not one each.</summary>
    private static async Task InsertUntaggedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingInsert> batch, int[] order, Link?[] inserted)
    {
        await using var statements = new NpgsqlBatch(connection, transaction);
        foreach (var (code, url, createdAt, rules, createdBy, labels) in order.Select(i => batch[i]))
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
        foreach (var i in order)
        {
            inserted[i] = await reader.ReadAsync() ? parse(reader) : null;
            await reader.NextResultAsync();
        }
    }

    /// <summary>With tags, which follow their link's insert, one statement after another.</summary>
    private static async Task InsertOneByOneAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingInsert> batch, int[] order, Link?[] inserted)
    {
        foreach (var i in order)
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
}
