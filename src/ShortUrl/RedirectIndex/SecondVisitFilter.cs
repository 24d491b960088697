namespace ShortUrl.RedirectIndex;

/// <summary>
/// Remembers, roughly, which codes were visited once lately, so that a full <see cref="LinkCache"/> admits a link on
/// its second visit: a stream of one-off visits (a crawler, a scan of old links) then cannot push out the links
/// people keep following. One bit per hash of a code, cleared after as many first visits as the cache holds links;
/// a collision only admits a link early.
/// </summary>
internal sealed class SecondVisitFilter
{
    private readonly long[] _bits;
    private readonly int _mask;
    private readonly int _window;
    private int _firstVisits;

    public SecondVisitFilter(int window)
    {
        // About eight bits per code of a window keeps collisions rare; 8 MB at most.
        var bits = (int)Math.Min(1L << 26, Math.Max(1024, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)window * 8)));
        _bits = new long[bits / 64];
        _mask = bits - 1;
        _window = Math.Max(1, window);
    }

    /// <summary>Records a visit of <paramref name="code"/>; true when it had been visited since the last clearing.</summary>
    public bool VisitedBefore(string code)
    {
        var bit = code.GetHashCode() & _mask;
        var flag = 1L << (bit & 63);
        if ((Interlocked.Or(ref _bits[bit >> 6], flag) & flag) != 0)
        {
            return true;
        }

        if (Interlocked.Increment(ref _firstVisits) >= _window)
        {
            // Racing visits may set bits while this clears them: a few links wait for one more visit, no harm.
            Interlocked.Exchange(ref _firstVisits, 0);
            Array.Clear(_bits);
        }

        return false;
    }
}
