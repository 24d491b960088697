using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ShortUrl.Redirects;

/// <summary>What a redirect needs of a link, prepared once when the link is loaded.</summary>
/// <param name="LinkId">The link's row, for counting clicks.</param>
/// <param name="Location">The ASCII <c>Location</c> header value.</param>
public sealed record RedirectTarget(long LinkId, string Location)
{
    /// <summary>Its expiry, click limit and password; null for a plain link, which is all the redirect checks then.</summary>
    public LinkGuard? Guard { get; init; }
}

/// <summary>
/// The redirect path's memory: a bounded map of code to <see cref="RedirectTarget"/>, plus a short-lived,
/// separately bounded memory of codes that do not exist so that a scanner's guesses do not each reach the database.
/// </summary>
public sealed class LinkCache(IOptions<ShortUrlOptions> options, TimeProvider time)
{
    /// <summary>Bounds how long another instance's new link can stay hidden behind a remembered miss.</summary>
    public static readonly TimeSpan MissLifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, RedirectTarget> _targets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _missesUntil = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Value.CacheSize;
    private int _count;

    // Counts removals: a load that read the store before one must not cache what it read (see Set).
    private long _removals;

    public enum Lookup { Unknown, Found, Missing }

    public Lookup TryGet(string code, out RedirectTarget? target)
    {
        if (_targets.TryGetValue(code, out target))
        {
            return Lookup.Found;
        }

        if (_missesUntil.TryGetValue(code, out var until))
        {
            if (time.GetTimestamp() < until)
            {
                return Lookup.Missing;
            }

            _missesUntil.TryRemove(code, out _);
        }

        return Lookup.Unknown;
    }

    /// <summary>Taken before reading a link from the store, and handed to <see cref="Set(string, RedirectTarget, long)"/> with what was read.</summary>
    public long RemovalsSoFar => Interlocked.Read(ref _removals);

    /// <summary>
    /// Remembers <paramref name="target"/>, read from the store after <paramref name="removalsBeforeRead"/> was taken —
    /// unless a link was edited or deleted since then: what was read may be the old link, and caching it would undo
    /// that <see cref="Remove"/>. (Rare: it costs only that one load the caching.)
    /// </summary>
    public void Set(string code, RedirectTarget target, long removalsBeforeRead)
    {
        if (RemovalsSoFar != removalsBeforeRead)
        {
            return;
        }

        Set(code, target);

        // A removal between the check above and the add: it may have missed the entry just added.
        if (RemovalsSoFar != removalsBeforeRead && _targets.TryRemove(new KeyValuePair<string, RedirectTarget>(code, target)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void Set(string code, RedirectTarget target)
    {
        if (_capacity == 0)
        {
            return;
        }

        _missesUntil.TryRemove(code, out _);
        if (_targets.TryAdd(code, target))
        {
            if (Interlocked.Increment(ref _count) > _capacity)
            {
                EvictSome();
            }
        }
        else
        {
            _targets[code] = target;
        }
    }

    public void SetMissing(string code)
    {
        if (_capacity == 0)
        {
            return;
        }

        if (_missesUntil.Count >= Math.Max(1024, _capacity / 10))
        {
            // A flood of guesses: forget them all rather than let them crowd out real links.
            _missesUntil.Clear();
        }

        _missesUntil[code] = time.GetTimestamp() + (long)(MissLifetime.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>
    /// Forgets <paramref name="code"/>, found or missing, so the next redirect reads the store — also when a load that read
    /// the link before this call is still in flight (it will not cache what it read; see <see cref="Set(string, RedirectTarget, long)"/>).
    /// </summary>
    public void Invalidate(string code)
    {
        Interlocked.Increment(ref _removals);
        Remove(code);
    }

    /// <summary>Forgets every link (when changes may have been missed), as <see cref="Invalidate"/> would each.</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _removals);
        foreach (var (code, _) in _targets)
        {
            Remove(code);
        }
    }

    /// <summary>Forgets <paramref name="code"/>, found or missing, so the next redirect reads the store.</summary>
    public void Remove(string code)
    {
        _missesUntil.TryRemove(code, out _);
        if (_targets.TryRemove(code, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Drops about a tenth of the entries. Enumeration order is effectively random, which is fair enough here.</summary>
    private void EvictSome()
    {
        var toEvict = Math.Max(1, _capacity / 10);
        foreach (var code in _targets.Keys)
        {
            if (toEvict-- == 0)
            {
                break;
            }

            Remove(code);
        }
    }
}
