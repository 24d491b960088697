namespace ShortUrl.RedirectIndex;

/// <summary>
/// The <see cref="LinkIndex"/>'s link data: append-only chunks of records, each a link's row id, its target's origin
/// (scheme, host and port) as a number, and the rest of its <c>Location</c> in ASCII. Origins repeat a great deal
/// (many links point into the same few sites), so each of the first <see cref="MaxOrigins"/> seen is kept once; a
/// record of a later origin holds it inline. One writer at a time (the index's lock); readers take no lock.
/// </summary>
internal sealed class LocationArena
{
    /// <summary>What <see cref="Append"/> returns when the arena is full; never a record's position.</summary>
    public const uint NoRecord = uint.MaxValue;

    public const int MaxLocationLength = ChunkSize / 2;

    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MaxChunks = (int)(NoRecord >> ChunkBits);
    private const int MaxOrigins = 1 << 16;

    /// <summary>Locations kept as strings (<see cref="Read"/>), in sets of two.</summary>
    internal const int HotLocations = 1 << 15;

    /// <summary>
    /// While the arena holds at most this many records, the <c>Location</c>s read are kept as strings. Beyond it the
    /// visits of a bounded set of strings would rarely find theirs, and each kept string would only live long enough
    /// to be promoted before it is replaced: collections would cost more than the strings saved.
    /// </summary>
    internal const int MaxRecordsKeptHot = HotLocations / 2;

    // Origin 0 is "none": the whole Location is inline.
    private readonly Dictionary<string, int> _originNumbers = new(StringComparer.Ordinal) { [""] = 0 };
    private volatile string[] _origins = new string[64];
    private volatile byte[][] _chunks = [];
    private int _used = ChunkSize;
    private readonly HotLocation?[] _hot = new HotLocation?[HotLocations];
    private int _records;

    /// <summary>Bytes of records appended so far.</summary>
    public long Length { get; private set; }

    /// <returns>Where the record starts (the chunk's number, then the offset in it), or <see cref="NoRecord"/> when full.</returns>
    public uint Append(long linkId, string location)
    {
        var origin = OriginNumber(location, out var rest);
        var size = 3 * 10 + rest.Length;
        if (_used + size > ChunkSize)
        {
            if (_chunks.Length == MaxChunks)
            {
                return NoRecord;
            }

            // The new chunk is published before any value that points into it.
            _chunks = [.. _chunks, new byte[ChunkSize]];
            _used = 0;
        }

        var chunk = _chunks[^1];
        var start = _used;
        var at = start;
        WriteNumber(chunk, ref at, (ulong)linkId);
        WriteNumber(chunk, ref at, (ulong)origin);
        WriteNumber(chunk, ref at, (ulong)rest.Length);
        at += Encoding.ASCII.GetBytes(rest, chunk.AsSpan(at));
        _used = at;
        Length += at - start;
        Volatile.Write(ref _records, _records + 1);
        return ((uint)(_chunks.Length - 1) << ChunkBits) | (uint)start;
    }

    /// <summary>
    /// A record's link and <c>Location</c>. While the arena is small, the string made for a record is kept (a record
    /// never changes, and a new arena comes with every clear), so a redirect to a link visited before allocates
    /// nothing. A record is kept in its place or, when another holds that, in the neighbouring one, so that two
    /// records whose places collide both stay.
    /// </summary>
    public void Read(uint record, out long linkId, out string location)
    {
        var place = (int)((record * 0x9E3779B9u) >> 17) & (HotLocations - 1);
        var set = place & ~1;
        var hot = _hot;
        if (hot[set] is { } first && first.Record == record)
        {
            (linkId, location) = (first.LinkId, first.Location);
            return;
        }

        if (hot[set + 1] is { } second && second.Record == record)
        {
            (linkId, location) = (second.LinkId, second.Location);
            return;
        }

        Decode(record, out linkId, out location);
        if (Volatile.Read(ref _records) <= MaxRecordsKeptHot)
        {
            var free = hot[place] is null ? place : hot[place ^ 1] is null ? place ^ 1 : place;
            hot[free] = new HotLocation(record, linkId, location);
        }
    }

    private void Decode(uint record, out long linkId, out string location)
    {
        var chunk = _chunks[(int)(record >> ChunkBits)];
        var at = (int)(record & (ChunkSize - 1));
        linkId = (long)ReadNumber(chunk, ref at);
        var origin = _origins[(int)ReadNumber(chunk, ref at)] ?? "";
        var length = (int)ReadNumber(chunk, ref at);
        location = string.Create(origin.Length + length, (origin, chunk, at), static (characters, record) =>
        {
            record.origin.CopyTo(characters);
            Encoding.ASCII.GetChars(record.chunk.AsSpan(record.at, characters.Length - record.origin.Length), characters[record.origin.Length..]);
        });
    }

    private sealed record HotLocation(uint Record, long LinkId, string Location);

    /// <summary>The number of <paramref name="location"/>'s origin (0 when it is not kept), and what follows it.</summary>
    private int OriginNumber(string location, out ReadOnlySpan<char> rest)
    {
        var schemeEnd = location.IndexOf("://", StringComparison.Ordinal);
        var pathStart = schemeEnd < 0 ? -1 : location.IndexOf('/', schemeEnd + 3);
        if (pathStart < 0)
        {
            rest = location;
            return 0;
        }

        var origin = location.AsSpan(0, pathStart);
        if (!_originNumbers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(origin, out var number))
        {
            if (_originNumbers.Count == MaxOrigins)
            {
                rest = location;
                return 0;
            }

            number = _originNumbers.Count;
            if (number == _origins.Length)
            {
                _origins = [.. _origins, .. new string[_origins.Length]];
            }

            // Published before any record that names it.
            var kept = origin.ToString();
            _origins[number] = kept;
            _originNumbers.Add(kept, number);
        }

        rest = location.AsSpan(pathStart);
        return number;
    }

    private static void WriteNumber(byte[] chunk, ref int at, ulong number)
    {
        while (number >= 0x80)
        {
            chunk[at++] = (byte)(number | 0x80);
            number >>= 7;
        }

        chunk[at++] = (byte)number;
    }

    private static ulong ReadNumber(byte[] chunk, ref int at)
    {
        ulong number = 0;
        for (var shift = 0; ; shift += 7)
        {
            var part = chunk[at++];
            number |= (ulong)(part & 0x7F) << shift;
            if (part < 0x80)
            {
                return number;
            }
        }
    }
}
