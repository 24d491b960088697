namespace ShortUrl.Clicks;

/// <summary>
/// Counts per link, kept as a list that each visit appends its link to, and added up (sorted, each link's entries summed
/// into one) only when the list is full or asked for: an entry costs 16 bytes and no hashing, and a list of a few
/// hundred thousand clicks on a few links shrinks back to a few entries.
/// </summary>
internal sealed class LinkTally
{
    private const int InitialCapacity = 16;

    private long[] _linkIds = new long[InitialCapacity];
    private long[] _counts = new long[InitialCapacity];
    private int _length;

    // The first _summed entries are in link order, one per link.
    private int _summed;

    public void Add(long linkId)
    {
        if (_length == _linkIds.Length)
        {
            SumUp();
            if (_length > _linkIds.Length / 2)
            {
                Array.Resize(ref _linkIds, _linkIds.Length * 2);
                Array.Resize(ref _counts, _counts.Length * 2);
            }
        }

        _linkIds[_length] = linkId;
        _counts[_length] = 1;
        _length++;
    }

    /// <summary>The counts so far, in link order: valid until the next <see cref="Add"/> or <see cref="Clear"/>.</summary>
    public LinkCounts ToLinkCounts()
    {
        SumUp();
        return new(_linkIds.AsMemory(0, _length), _counts.AsMemory(0, _length));
    }

    /// <summary>Forgets the counts and keeps the room, for the next batch.</summary>
    public void Clear() => _length = _summed = 0;

    private void SumUp()
    {
        if (_summed == _length)
        {
            return;
        }

        Array.Sort(_linkIds, _counts, 0, _length);
        var kept = 0;
        for (var entry = 0; entry < _length; entry++)
        {
            if (kept > 0 && _linkIds[kept - 1] == _linkIds[entry])
            {
                _counts[kept - 1] += _counts[entry];
            }
            else
            {
                _linkIds[kept] = _linkIds[entry];
                _counts[kept] = _counts[entry];
                kept++;
            }
        }

        _length = _summed = kept;
    }
}
