using System.Threading.Channels;

namespace ShortUrl.Storage.Sqlite;

/// <summary>
/// Group commit: creates queue up for one writer, which inserts everything waiting in one transaction while the next
/// ones queue. Throughput rises with concurrency instead of queueing for a commit each; a taken code still has exactly
/// one winner, since a batch's inserts run one after another.
/// </summary>
internal sealed class SqliteLinkInserts : IDisposable
{
    // A bound on one transaction, so that the first callers of a burst are not held back by all of the rest.
    private const int MaxBatch = 512;

    private readonly SqliteDatabase _database;
    private readonly Channel<PendingInsert> _pending = Channel.CreateUnbounded<PendingInsert>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public SqliteLinkInserts(SqliteDatabase database)
    {
        _database = database;
        _writer = Task.Run(WritePendingAsync);
    }

    /// <summary>The link inserted, or null when its code is taken. Not cancellable: once queued, the insert is the writer's to make.</summary>
    public Task<Link?> InsertAsync(string code, string url, DateTime createdAt, LinkRules rules, string? createdBy, LinkLabels labels)
    {
        var insert = new PendingInsert(
            code, url, StoredTime.ToText(createdAt), StoredTime.ToText(rules.ExpiresAt), rules.MaxClicks, rules.PasswordHash, createdBy)
        {
            Labels = labels,
            ForwardQuery = rules.ForwardQuery,
            RedirectRules = rules.RedirectRules,
        };
        return _pending.Writer.TryWrite(insert)
            ? insert.Outcome.Task
            : Task.FromException<Link?>(new ObjectDisposedException(nameof(SqliteLinkInserts)));
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

            await _database.ExclusiveAsync((this, batch), static work => work.Item1.WriteBatch(work.batch), CancellationToken.None);
            batch.Clear();
        }
    }

    /// <summary>Never throws: each caller learns its own outcome, a failure included.</summary>
    private bool WriteBatch(List<PendingInsert> batch)
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

        return true;
    }

    /// <summary>Inserts <paramref name="batch"/> in one transaction; each caller learns its outcome once it is committed.</summary>
    private void InsertAndComplete(IReadOnlyList<PendingInsert> batch)
    {
        var links = _database.Write(batch, static (connection, batch) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var insert = connection.Prepared(SqliteStatements.Insert);
            insert.Transaction = transaction;
            var inserted = new Link?[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                insert.Bind("@Code", batch[i].Code).Bind("@Url", batch[i].Url).Bind("@CreatedAt", batch[i].CreatedAt)
                    .Bind("@ExpiresAt", batch[i].ExpiresAt).Bind("@MaxClicks", batch[i].MaxClicks).Bind("@PasswordHash", batch[i].PasswordHash)
                    .Bind("@CreatedBy", batch[i].CreatedBy).Bind("@Title", batch[i].Labels.Title)
                    .Bind("@ForwardQuery", batch[i].ForwardQuery).Bind("@RedirectRules", batch[i].RedirectRules);
                using (var row = insert.ExecuteReader())
                {
                    inserted[i] = row.Read() ? SqliteRows.ReadLink(row) : null;
                }

                if (inserted[i] is { } link && batch[i].Labels.Tags.Count > 0)
                {
                    SqliteLinkTags.Write(connection, transaction, link.Id, batch[i].Labels.Tags, replace: false);
                    inserted[i] = link with { Tags = [.. batch[i].Labels.Tags] };
                }
            }

            transaction.Commit();
            return inserted;
        });

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Outcome.TrySetResult(links[i]);
        }
    }

    private sealed record PendingInsert(
        string Code, string Url, string CreatedAt, string? ExpiresAt, long? MaxClicks, string? PasswordHash, string? CreatedBy)
    {
        public TaskCompletionSource<Link?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkLabels Labels { get; init; } = LinkLabels.None;

        public bool ForwardQuery { get; init; } = true;

        public string? RedirectRules { get; init; }
    }
}
