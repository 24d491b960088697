namespace ShortUrl.RedirectIndex;

/// <summary>
/// Every plain link (no expiry, click limit, password or redirect rules; its query string forwarded) in a compact form, so that every redirect to one is answered
/// from memory: with a million links and visits spread over all of them, most visits are a link's first in a while,
/// and a cache of the links visited lately would send each of those to the database.
/// </summary>
/// <remarks>
/// <para>
/// A link costs some 30 bytes here plus its <c>Location</c> less its site (see <see cref="LocationArena"/>), against some
/// 250 plus twice the target's length in the cache: codes of up to ten characters are packed into a <see cref="long"/>
/// key of an open-addressing table whose slots point into the arena. Longer aliases are not held here; they are read
/// from the database like guarded links.
/// </para>
/// <para>
/// Readers take no lock: a slot's value is written before its key, and the table, once outgrown, is replaced whole.
/// Writers take one lock, under which the count of removals also moves, so that a link read from the database before
/// an edit or delete cannot be put back after it (see <see cref="Set"/>).
/// </para>
/// <para>
/// An edited or deleted link leaves its old bytes behind (and its code a removed mark): keeping the chunks append-only
/// is what lets readers go without a lock. Edits are rare next to links, so leftovers are let pile up until they reach
/// a quarter of the links held (and at least <see cref="MinLeftoversToRebuild"/>); then the index clears itself, to be
/// loaded again from the database without them, the same way as after any other <see cref="Clear"/>.
/// </para>
/// </remarks>
internal sealed class LinkIndex
{
    /// <summary>Longest code the index holds: 6 bits a character and 4 for the length fill a <see cref="long"/>.</summary>
    public const int MaxCodeLength = 10;

    /// <summary>Fewest leftovers (old records and removed marks) worth a reload; below it they cost a few MB at most.</summary>
    internal const int MinLeftoversToRebuild = 50_000;

    private const uint RemovedMark = LocationArena.NoRecord;
    private const double MaxLoad = 0.75;

    private static readonly sbyte[] CharacterValues = BuildCharacterValues();

    private readonly Lock _write = new();
    private readonly int _maxLinks;
    private volatile Table _table;
    private long _removals;
    private long _generation;
    private int _live;
    private int _marked;
    private int _leftovers;
    private readonly SemaphoreSlim _cleared = new(0);

    /// <param name="maxLinks">The most codes (links and removed marks) held; beyond it links are not added. 0 turns the index off.</param>
    public LinkIndex(int maxLinks)
    {
        _maxLinks = maxLinks;
        _table = new Table(16, new LocationArena());
    }

    public bool Enabled => _maxLinks > 0;

    /// <summary>Links held now.</summary>
    public int Count => Volatile.Read(ref _live);

    /// <summary>Bytes of link data held (removed links' included, until a clear).</summary>
    public long DataBytes => _table.Arena.Length;

    /// <summary>Moves on every removal and clear; taken before reading a link from the database, and handed to <see cref="Set"/>.</summary>
    public long Removals => Interlocked.Read(ref _removals);

    /// <summary>Moves on every clear; a loader fills one generation (see <see cref="TryAdd"/>).</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(ReadOnlySpan<char> code, out long linkId, out string location)
    {
        var key = Pack(code);
        var table = _table;
        if (key != 0 && table.Find(key) is var slot and >= 0
            && Volatile.Read(ref table.Values[slot]) is var value and not RemovedMark)
        {
            table.Arena.Read(value, out linkId, out location);
            return true;
        }

        linkId = 0;
        location = "";
        return false;
    }

    /// <summary>
    /// Holds a link read from the database after <paramref name="removalsBeforeRead"/> was taken, replacing what the
    /// index held for its code — unless a link was edited, deleted or cleared since: what was read may be stale.
    /// </summary>
    public void Set(string code, long linkId, string location, long removalsBeforeRead)
    {
        bool cleared;
        lock (_write)
        {
            if (_removals == removalsBeforeRead)
            {
                Put(code, linkId, location, replace: true);
            }

            cleared = ClearedOfLeftovers();
        }

        WakeLoaderIf(cleared);
    }

    /// <summary>
    /// The loader's add: holds a link read for <paramref name="generation"/> unless its code is already here, added or
    /// marked removed (then what was read may be older than that).
    /// </summary>
    /// <returns>False when the load should stop: the index has been cleared since <paramref name="generation"/> (what
    /// was read is stale), or it is full.</returns>
    public bool TryAdd(long generation, string code, long linkId, string location)
    {
        lock (_write)
        {
            if (_generation != generation || _live + _marked >= _maxLinks)
            {
                return false;
            }

            Put(code, linkId, location, replace: false);
            return true;
        }
    }

    /// <summary>Forgets <paramref name="code"/> and marks it removed, so that no read from before now can add it back.</summary>
    public void Remove(string code)
    {
        bool cleared;
        lock (_write)
        {
            _removals++;
            var key = Pack(code);
            if (key == 0 || !Enabled)
            {
                return;
            }

            var table = _table;
            if (table.Find(key) is var slot and >= 0)
            {
                if (table.Values[slot] != RemovedMark)
                {
                    Volatile.Write(ref table.Values[slot], RemovedMark);
                    _live--;
                    _marked++;
                    _leftovers++;
                }
            }
            else if (Reserve() is { } roomy)
            {
                roomy.Insert(key, RemovedMark);
                _marked++;
                _leftovers++;
            }

            cleared = ClearedOfLeftovers();
        }

        WakeLoaderIf(cleared);
    }

    /// <summary>Forgets everything, to be loaded again (see <see cref="WaitForClearAsync"/>).</summary>
    public void Clear()
    {
        lock (_write)
        {
            ClearHeld();
        }

        _cleared.Release();
    }

    /// <summary>Completes at the next <see cref="Clear"/>, or at once for those made since the last wait (one load serves them all).</summary>
    public async Task WaitForClearAsync(CancellationToken cancellationToken)
    {
        await _cleared.WaitAsync(cancellationToken);
        while (_cleared.Wait(0))
        {
        }
    }

    /// <summary>Clears the index once leftovers reach a quarter of the links held (see the class remarks); under the write lock.</summary>
    private bool ClearedOfLeftovers()
    {
        if (_leftovers < Math.Max(MinLeftoversToRebuild, _live / 4))
        {
            return false;
        }

        ClearHeld();
        return true;
    }

    /// <summary>Under the write lock.</summary>
    private void ClearHeld()
    {
        _removals++;
        _generation++;
        _live = 0;
        _marked = 0;
        _leftovers = 0;
        _table = new Table(16, new LocationArena());
    }

    private void WakeLoaderIf(bool cleared)
    {
        if (cleared)
        {
            _cleared.Release();
        }
    }

    /// <summary>Makes room for <paramref name="links"/> codes at once, so that a load does not outgrow the table again and again.</summary>
    public void MakeRoomFor(int links)
    {
        lock (_write)
        {
            var wanted = Math.Min(links, _maxLinks);
            if (wanted > _table.Keys.Length * MaxLoad)
            {
                _table = _table.CopyTo((int)(wanted / MaxLoad) + 16);
            }
        }
    }

    /// <summary>Packs a code of letters, digits, '-' and '_' into a non-zero key; 0 when it cannot be packed.</summary>
    internal static long Pack(ReadOnlySpan<char> code)
    {
        if (code.Length is 0 or > MaxCodeLength)
        {
            return 0;
        }

        var key = (ulong)code.Length;
        foreach (var character in code)
        {
            var value = character < CharacterValues.Length ? CharacterValues[character] : -1;
            if (value < 0)
            {
                return 0;
            }

            key = (key << 6) | (byte)value;
        }

        return (long)key;
    }

    private void Put(string code, long linkId, string location, bool replace)
    {
        var key = Pack(code);
        if (key == 0 || !Enabled || !Ascii.IsValid(location) || location.Length > LocationArena.MaxLocationLength)
        {
            return;
        }

        var table = _table;
        if (table.Find(key) is var slot and >= 0)
        {
            if (!replace)
            {
                return;
            }

            // A full arena leaves the code marked removed: the old record must not outlive this change.
            var wasLive = table.Values[slot] != RemovedMark;
            _leftovers += wasLive ? 1 : 0;
            var record = table.Arena.Append(linkId, location);
            Volatile.Write(ref table.Values[slot], record);
            var isLive = record != RemovedMark;
            (_live, _marked) = (wasLive, isLive) switch
            {
                (false, true) => (_live + 1, _marked - 1),
                (true, false) => (_live - 1, _marked + 1),
                _ => (_live, _marked),
            };
            return;
        }

        if (Reserve() is { } roomy && roomy.Arena.Append(linkId, location) is var added and not RemovedMark)
        {
            roomy.Insert(key, added);
            _live++;
        }
    }

    /// <summary>The table, grown if it must be to take one more code; null when the index is full.</summary>
    private Table? Reserve()
    {
        if (_live + _marked >= _maxLinks)
        {
            return null;
        }

        if (_table.Used + 1 > _table.Keys.Length * MaxLoad)
        {
            _table = _table.CopyTo(_table.Keys.Length + _table.Keys.Length / 2);
        }

        return _table;
    }

    private static sbyte[] BuildCharacterValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        const string characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < characters.Length; i++)
        {
            values[characters[i]] = (sbyte)i;
        }

        return values;
    }

    private sealed class Table(int size, LocationArena arena)
    {
        public readonly long[] Keys = new long[size];
        public readonly uint[] Values = new uint[size];
        public readonly LocationArena Arena = arena;

        /// <summary>Slots with a key, removed marks included.</summary>
        public int Used;

        /// <summary>The slot holding <paramref name="key"/>, or -1. A table always has empty slots, so the probe ends.</summary>
        public int Find(long key)
        {
            var keys = Keys;
            for (var slot = Home(key, keys.Length); ; slot = slot + 1 == keys.Length ? 0 : slot + 1)
            {
                var found = Volatile.Read(ref keys[slot]);
                if (found == key)
                {
                    return slot;
                }

                if (found == 0)
                {
                    return -1;
                }
            }
        }

        /// <summary>Adds a key not held yet; its value goes first, so a reader that sees the key sees the value.</summary>
        public void Insert(long key, uint value)
        {
            var keys = Keys;
            var slot = Home(key, keys.Length);
            while (keys[slot] != 0)
            {
                slot = slot + 1 == keys.Length ? 0 : slot + 1;
            }

            Values[slot] = value;
            Volatile.Write(ref keys[slot], key);
            Used++;
        }

        public Table CopyTo(int size)
        {
            var copy = new Table(size, Arena);
            for (var slot = 0; slot < Keys.Length; slot++)
            {
                if (Keys[slot] != 0)
                {
                    copy.Insert(Keys[slot], Values[slot]);
                }
            }

            return copy;
        }

        // Fibonacci hashing spreads packed codes (which share their high bits) over the table; the multiply-shift maps
        // the hash onto any table size without a division.
        private static int Home(long key, int size) =>
            (int)Math.BigMul((ulong)key * 0x9E3779B97F4A7C15UL, (ulong)size, out _);
    }
}
