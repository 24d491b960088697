using System.Collections.Concurrent;

namespace ShortUrl.Redirects;

/// <summary>
/// Clicks on their way to the database. A redirect adds one to its link's count in memory (no I/O, no lock, no
/// allocation); a link's first click since the last write also puts it on a lock-free list for
/// <see cref="ClickWriter"/>, which takes the counts from there in batches.
/// </summary>
public sealed class ClickQueue
{
    private readonly ConcurrentQueue<RedirectTarget> _clicked = new();
    private readonly SemaphoreSlim _flushRequests = new(0);
    private long _passesStarted;
    private long _passesWritten;

    public void Record(RedirectTarget target)
    {
        if (target.AddClick())
        {
            _clicked.Enqueue(target);
        }
    }

    /// <summary>Waits until every click recorded before the call is in the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        // A pass that starts after this call takes every click recorded before it: one that started earlier might not.
        var pass = Interlocked.Read(ref _passesStarted) + 1;
        _flushRequests.Release();
        while (Interlocked.Read(ref _passesWritten) < pass)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    /// <summary>Waits for the writer's next turn: <paramref name="interval"/> from now, or sooner if a flush is waiting.</summary>
    internal Task WaitForTurnAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        _flushRequests.WaitAsync(interval, cancellationToken);

    /// <summary>Starts a writer's pass: moves the counts recorded so far into <paramref name="pending"/>, by link id.</summary>
    /// <returns>The pass, to hand to <see cref="MarkWritten"/> once <paramref name="pending"/> is in the database.</returns>
    internal long TakeClicks(Dictionary<long, long> pending)
    {
        var pass = Interlocked.Increment(ref _passesStarted);
        // Only what is queued now: under steady load the queue never runs dry.
        for (var count = _clicked.Count; count > 0 && _clicked.TryDequeue(out var target); count--)
        {
            var clicks = target.TakeClicks();
            if (clicks > 0)
            {
                pending[target.LinkId] = pending.GetValueOrDefault(target.LinkId) + clicks;
            }
        }

        return pass;
    }

    /// <summary>Passes end in the order they start: there is one writer.</summary>
    internal void MarkWritten(long pass) => Interlocked.Exchange(ref _passesWritten, pass);
}
