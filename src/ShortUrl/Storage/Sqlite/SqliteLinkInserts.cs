namespace ShortUrl.Storage.Sqlite;

/// <summary>
/// Group commit on SQLite (<see cref="GroupCommitInserts"/>): throughput rises with concurrency instead of queueing for
/// a commit each; a taken code still has exactly one winner, since a batch's inserts run one after another.
/// </summary>
internal sealed class SqliteLinkInserts(SqliteDatabase database) : GroupCommitInserts(MaxBatch)
{
    private const int MaxBatch = 512;

    protected override Task<Link?[]> InsertBatchAsync(IReadOnlyList<PendingInsert> batch) =>
        database.WriteAsync(batch, static (connection, batch) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var insert = connection.Prepared(SqliteStatements.Insert);
            insert.Transaction = transaction;
            var inserted = new Link?[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                var (code, url, createdAt, rules, createdBy, labels) = batch[i];
                insert.Bind("@Code", code).Bind("@Url", url).Bind("@CreatedAt", StoredTime.ToText(createdAt))
                    .Bind("@ExpiresAt", StoredTime.ToText(rules.ExpiresAt)).Bind("@MaxClicks", rules.MaxClicks).Bind("@PasswordHash", rules.PasswordHash)
                    .Bind("@CreatedBy", createdBy).Bind("@Title", labels.Title)
                    .Bind("@ForwardQuery", rules.ForwardQuery).Bind("@RedirectRules", rules.RedirectRules);
                using (var row = insert.ExecuteReader())
                {
                    inserted[i] = row.Read() ? SqliteRows.ReadLink(row) : null;
                }

                if (inserted[i] is { } link && labels.Tags.Count > 0)
                {
                    SqliteLinkTags.Write(connection, transaction, link.Id, labels.Tags, replace: false);
                    inserted[i] = link with { Tags = [.. labels.Tags] };
                }
            }

            transaction.Commit();
            return inserted;
        }, CancellationToken.None);

    /// <summary>Any failure of a batch may be one row's: each insert is tried again alone.</summary>
    protected override bool MayBeOneRows(Exception failure) => true;
}
