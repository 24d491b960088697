using System.Collections.Concurrent;
using ShortUrl.Redirects;
namespace ShortUrl.RedirectIndex;

/// <summary>What a redirect needs of a link, prepared once when the link is loaded.</summary>
/// <param name="linkId">The link's row, for counting clicks.</param>
/// <param name="location">The ASCII <c>Location</c> header value.</param>
internal sealed class RedirectTarget(long linkId, string location)
{
    public long LinkId { get; } = linkId;

    public string Location { get; } = location;

    /// <summary>Its expiry, click limit and password; null for a plain link, which is all the redirect checks then.</summary>
    public LinkGuard? Guard { get; init; }

    /// <summary>Whether the request's query string goes on to the target (true for every link of the index).</summary>
    public bool ForwardQuery { get; init; } = true;

    /// <summary>Its redirect rules; null for a link without, which is every link of the index.</summary>
    public RedirectRuleSet? Rules { get; init; }

    /// <summary>Whether the compact index can hold it: it holds a row id and a Location, and nothing to check.</summary>
    public bool IsPlain => Guard is null && ForwardQuery && Rules is null;
}

/// <summary>
/// The redirect path's memory: the compact <see cref="LinkIndex"/> of every plain link; a bounded map of code to
/// <see cref="RedirectTarget"/> for the links read from the database (with rules of any kind or without query forwarding,
/// long aliases, beyond the index; once
/// full, it admits a link on its second visit); and a short-lived, separately bounded memory of codes that do not exist,
/// so that a scanner's guesses do not each reach the database.
/// </summary>
internal sealed class LinkCache(IOptions<ShortUrlOptions> options, TimeProvider time, LinkIndex index)
{
    /// <summary>Bounds how long another instance's new link can stay hidden behind a remembered miss.</summary>
    public static readonly TimeSpan MissLifetime = TimeSpan.FromSeconds(5);

    // Sized up front (to a point): growing a ConcurrentDictionary copies it under all of its locks, a pause for
    // every redirect in flight.
    private readonly ConcurrentDictionary<string, RedirectTarget> _targets = new(
        Environment.ProcessorCount, Math.Min(options.Value.CacheSize, 1 << 20), StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _missesUntil = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Value.CacheSize;
    private readonly SecondVisitFilter _secondVisits = new(options.Value.CacheSize);
    private int _count;

    public enum Lookup { Unknown, Found, Missing }

    /// <summary>
    /// The redirect fast path's lookup (<see cref="Redirects.RedirectFastPath"/>): a link with nothing to check (no
    /// guard, no rules, its query forwarded) held in memory, found by the code as the request path holds it, without a
    /// string or a <see cref="RedirectTarget"/> made for it. False for anything else, which the endpoint then looks up
    /// again the usual way (<see cref="TryGet"/>).
    /// </summary>
    public bool TryGetPlain(ReadOnlySpan<char> code, out long linkId, out string location)
    {
        // In the order TryGet looks, so that both always agree.
        if (_targets.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(code, out var target))
        {
            (linkId, location) = (target.LinkId, target.Location);
            return target.IsPlain;
        }

        return index.TryGet(code, out linkId, out location);
    }

    /// <summary>Links held now.</summary>
    public int Count => _targets.Count;

    /// <summary>Unknown codes remembered now.</summary>
    public int MissCount => _missesUntil.Count;

    /// <summary>The most unknown codes remembered at once.</summary>
    public int MissCapacity => Math.Max(1024, _capacity / 10);

    public Lookup TryGet(string code, out RedirectTarget? target)
    {
        if (_targets.TryGetValue(code, out target))
        {
            return Lookup.Found;
        }

        // Not copied into the map: the index holds the Location ready, and a map that churns through a million links
        // visited at random costs memory and collections for nothing.
        if (index.TryGet(code, out var linkId, out var location))
        {
            target = new RedirectTarget(linkId, location);
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
    public long RemovalsSoFar => index.Removals;

    /// <summary>
    /// Remembers <paramref name="target"/>, read from the store after <paramref name="removalsBeforeRead"/> was taken,
    /// in the index too when it is a plain link — unless a link was edited or deleted since then: what was read may be
    /// the old link, and remembering it would undo that <see cref="Invalidate"/>. (Rare: it costs only that one load
    /// the caching.)
    /// </summary>
    public void Set(string code, RedirectTarget target, long removalsBeforeRead)
    {
        if (target.IsPlain)
        {
            index.Set(code, target.LinkId, target.Location, removalsBeforeRead);
        }

        Admit(code, target, removalsBeforeRead);
    }

    /// <summary>A link created (or imported) after <paramref name="removalsBeforeWrite"/> was taken: no longer a miss, and indexed.</summary>
    public void Created(Link link, long removalsBeforeWrite)
    {
        Remove(link.Code);
        if (link is { ExpiresAt: null, MaxClicks: null, PasswordHash: null, ForwardQuery: true, RedirectRules: null }
            && TargetUrl.ToLocation(link.Url) is { } location)
        {
            index.Set(link.Code, link.Id, location, removalsBeforeWrite);
        }
    }

    /// <summary>Puts <paramref name="target"/> in the bounded map, unless a link was edited or deleted since it was read.</summary>
    private void Admit(string code, RedirectTarget target, long removalsBeforeRead)
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

    /// <summary>
    /// Remembers <paramref name="target"/> for <paramref name="code"/>. Once the cache is full, a new link gets in on
    /// its second visit only, and makes room by evicting others.
    /// </summary>
    public void Set(string code, RedirectTarget target)
    {
        if (_capacity == 0)
        {
            return;
        }

        _missesUntil.TryRemove(code, out _);
        if (Volatile.Read(ref _count) >= _capacity && !_targets.ContainsKey(code) && !_secondVisits.VisitedBefore(code))
        {
            return;
        }

        while (true)
        {
            if (_targets.TryAdd(code, target))
            {
                if (Interlocked.Increment(ref _count) > _capacity)
                {
                    EvictSome(keep: code);
                }

                return;
            }

            // Replace only what is there, so that the count stays true if another thread removes it meanwhile.
            if (_targets.TryGetValue(code, out var current) && _targets.TryUpdate(code, target, current))
            {
                return;
            }
        }
    }

    public void SetMissing(string code)
    {
        if (_capacity == 0)
        {
            return;
        }

        if (_missesUntil.Count >= MissCapacity)
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
        // The index first: a reader that took the removal count before this must find the link gone from the index or
        // be refused by Admit.
        index.Remove(code);
        Remove(code);
    }

    /// <summary>Forgets every link (when changes may have been missed), as <see cref="Invalidate"/> would each.</summary>
    public void InvalidateAll()
    {
        index.Clear();
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

    /// <summary>
    /// Drops about a tenth of the entries. Enumeration order is effectively random, which is fair enough here; the
    /// enumerator takes no lock and copies nothing (unlike <c>Keys</c>).
    /// </summary>
    /// <param name="keep">The link just admitted: evicting it would make its admission pointless.</param>
    private void EvictSome(string keep)
    {
        var toEvict = Math.Max(1, _capacity / 10);
        foreach (var (code, _) in _targets)
        {
            if (toEvict == 0)
            {
                break;
            }

            if (code != keep)
            {
                Remove(code);
                toEvict--;
            }
        }
    }
}
