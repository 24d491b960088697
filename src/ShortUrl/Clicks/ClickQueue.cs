using System.Collections.Concurrent;
using System.Net;
using ShortUrl.RedirectIndex;

namespace ShortUrl.Clicks;

/// <summary>
/// Clicks on their way to the database. A redirect enqueues one small <see cref="Visit"/> on a lock-free queue (no
/// I/O, no lock, no parsing: the headers are references to what Kestrel already read); <see cref="ClickWriter"/> takes
/// the visits from there in batches, classifies them and adds them up.
/// </summary>
internal sealed class ClickQueue(TimeProvider time, ShortUrlMetrics? metrics = null)
{
    private readonly ConcurrentQueue<Visit> _visits = new();
    private readonly SemaphoreSlim _flushRequests = new(0);
    private long _passesStarted;
    private long _passesWritten;

    // For the health check, set by the writer: when the oldest visit it took but has not written was recorded (UTC
    // ticks; 0 when it has written all it took), and how many visits it holds.
    private long _unwrittenSince;
    private int _unwrittenVisits;
    private long _detailsDropped;

    /// <param name="target">The link followed.</param>
    /// <param name="headers">The request's headers, for the referrer and user agent.</param>
    /// <param name="clickCounted">The click is in the link's count already: record only the visit.</param>
    /// <param name="address">The visitor's address, for the writer to look up the country: never stored.</param>
    public void Record(RedirectTarget target, IHeaderDictionary headers, bool clickCounted = false, IPAddress? address = null) =>
        Record(target.LinkId, headers, clickCounted, address);

    /// <summary>The same, by the link's row id: the redirect fast path has no <see cref="RedirectTarget"/> to hand.</summary>
    public void Record(long linkId, IHeaderDictionary headers, bool clickCounted = false, IPAddress? address = null)
    {
        _visits.Enqueue(new Visit(linkId, time.GetUtcNow().UtcTicks, headers.Referer, headers.UserAgent, clickCounted, address));
        metrics?.ClickQueued();
    }

    /// <summary>A request that found no link (see <see cref="OrphanKind"/>), kept with the visits of the same batch.</summary>
    public void RecordOrphan(OrphanKind kind, HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        if (path.Length > OrphanVisitRow.MaxPathLength)
        {
            path = path[..OrphanVisitRow.MaxPathLength];
        }

        _visits.Enqueue(new Visit(0, time.GetUtcNow().UtcTicks, request.Headers.Referer, request.Headers.UserAgent, ClickCounted: true,
            request.HttpContext.Connection.RemoteIpAddress, new OrphanRequest(kind, path)));
        // Counted as queued as it will be counted as written: the two meters must meet once the writer has caught up.
        metrics?.ClickQueued();
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
    /// <returns>True when a flush is waiting, which the turn must write.</returns>
    internal Task<bool> WaitForTurnAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        _flushRequests.WaitAsync(interval, cancellationToken);

    /// <summary>Starts a writer's pass: adds the visits recorded so far to <paramref name="pending"/>.</summary>
    /// <returns>The pass, to hand to <see cref="MarkWritten"/> once <paramref name="pending"/> is in the database.</returns>
    internal long TakeClicks(VisitTally pending)
    {
        var pass = Interlocked.Increment(ref _passesStarted);
        // Only what is queued now: under steady load the queue never runs dry.
        for (var count = _visits.Count; count > 0 && _visits.TryDequeue(out var visit); count--)
        {
            if (pending.Count == 0 && Interlocked.Read(ref _unwrittenSince) == 0)
            {
                Interlocked.Exchange(ref _unwrittenSince, visit.UtcTicks);
            }

            pending.Add(visit);
        }

        Volatile.Write(ref _unwrittenVisits, pending.Count);
        return pass;
    }

    /// <summary>Passes end in the order they start: there is one writer.</summary>
    internal void MarkWritten(long pass)
    {
        Interlocked.Exchange(ref _unwrittenSince, 0);
        Volatile.Write(ref _unwrittenVisits, 0);
        Interlocked.Exchange(ref _passesWritten, pass);
    }

    /// <summary>
    /// Visits since the start whose details the writer dropped past <c>ShortUrl:MaxPendingVisits</c> while the database
    /// could not take them; their clicks were counted.
    /// </summary>
    public long DetailsDropped => Interlocked.Read(ref _detailsDropped);

    internal void CountDetailsDropped(long visits) => Interlocked.Add(ref _detailsDropped, visits);

    /// <summary>How far the database is behind the redirects: visits not written yet, and how long the oldest has waited.</summary>
    public (long Visits, TimeSpan OldestWait) Backlog()
    {
        var since = Interlocked.Read(ref _unwrittenSince);
        if (_visits.TryPeek(out var oldestQueued) && (since == 0 || oldestQueued.UtcTicks < since))
        {
            since = oldestQueued.UtcTicks;
        }

        var wait = since == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, time.GetUtcNow().UtcTicks - since));
        return (_visits.Count + Volatile.Read(ref _unwrittenVisits), wait);
    }
}
