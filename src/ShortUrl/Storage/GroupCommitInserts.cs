using System.Threading.Channels;

namespace ShortUrl.Storage;

/// <summary>
/// Group commit, as both dialects do it: creates queue up for one writer, which inserts everything waiting in one
/// transaction while the next ones queue, so that a burst of creates pays for one commit rather than one each. How a
/// batch is inserted is the dialect's (<see cref="InsertBatchAsync"/>).
/// </summary>
internal abstract class GroupCommitInserts : IDisposable
{
    private readonly int _maxBatch;
    private readonly Channel<PendingInsert> _pending = Channel.CreateUnbounded<PendingInsert>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    /// <param name="maxBatch">A bound on one transaction, so that the first callers of a burst are not held back by all of the rest.</param>
    protected GroupCommitInserts(int maxBatch)
    {
        _maxBatch = maxBatch;
        _writer = Task.Run(WritePendingAsync);
    }

    /// <summary>The link inserted, or null when its code is taken. Not cancellable: once queued, the insert is the writer's to make.</summary>
    public Task<Link?> InsertAsync(string code, string url, DateTime createdAt, LinkRules rules, string? createdBy, LinkLabels labels)
    {
        var insert = new PendingInsert(code, url, createdAt, rules, createdBy, labels);
        return _pending.Writer.TryWrite(insert)
            ? insert.Outcome.Task
            : Task.FromException<Link?>(new ObjectDisposedException(GetType().Name));
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public void Dispose()
    {
        _pending.Writer.TryComplete();
        _writer.Wait();
    }

    /// <summary>Inserts <paramref name="batch"/> in one transaction, committed: each insert's link, or null where its code is taken.</summary>
    protected abstract Task<Link?[]> InsertBatchAsync(IReadOnlyList<PendingInsert> batch);

    /// <summary>Whether a batch that failed so may have failed for one of its rows, and is worth trying again one insert at a time.</summary>
    protected abstract bool MayBeOneRows(Exception failure);

    /// <summary>The one writer of new links: whatever has queued while it wrote the last batch makes the next.</summary>
    private async Task WritePendingAsync()
    {
        var batch = new List<PendingInsert>(_maxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _pending.Reader.TryRead(out var pending))
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
        // A database that takes no write (locked, full, down) fails every row alike: trying each again would only make
        // every caller wait as many times over.
        catch (Exception e) when (batch.Count > 1 && DatabaseFault.Of(e) is null && MayBeOneRows(e))
        {
            // One failing row must not fail the others that happened to share its transaction.
            foreach (var pending in batch)
            {
                try
                {
                    await InsertAndCompleteAsync([pending]);
                }
                catch (Exception alone)
                {
                    pending.Outcome.TrySetException(alone);
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

    /// <summary>Each caller learns its outcome once the batch is committed.</summary>
    private async Task InsertAndCompleteAsync(IReadOnlyList<PendingInsert> batch)
    {
        var inserted = await InsertBatchAsync(batch);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Outcome.TrySetResult(inserted[i]);
        }
    }

    /// <summary>A create waiting for the writer, and the outcome its caller awaits.</summary>
    protected sealed record PendingInsert(string Code, string Url, DateTime CreatedAt, LinkRules Rules, string? CreatedBy, LinkLabels Labels)
    {
        public TaskCompletionSource<Link?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
