using System.Collections;
using System.Runtime.InteropServices;

namespace ShortUrl.Clicks;

/// <summary>
/// A batch of visits added up for the store: clicks by people per link (the headline count) and visits per link of
/// each kind (minute, referrer host, browser, OS, bot). However many visits arrive, the batch holds one count per link
/// and kind. Each visit is held as the visit log's row anyway, so the counts are added up from those rows once, when
/// the batch is made: sorted by link, they give each kind's links and the clicks in link order in one pass.
/// Past <paramref name="maxDetailedVisits"/> visits (only while the database cannot take them) a visit adds only its
/// click to its link's count, in a <see cref="LinkTally"/> that holds one entry per link however long the wait, while
/// the rows would grow without end. Such a visit's details are counted in <see cref="DetailsDropped"/>.
/// </summary>
/// <remarks>Each visit is also kept as a row of the visit log with its country (looked up here, off the request path,
/// from the address the visit held in memory), its kind and country held once per batch and named by number in the row;
/// requests that found no link are kept as orphan visits; past the bound, neither.</remarks>
internal sealed class VisitTally(VisitCountries? countries = null, int maxDetailedVisits = int.MaxValue)
{
    /// <summary>Longest host name DNS allows; anything longer is not a host.</summary>
    private const int MaxHostLength = 253;

    private readonly UserAgentClassifier _classifier = new();
    private readonly LinkTally _clicksPastTheBound = new();
    private readonly Dictionary<VisitKind, int> _kindNumbers = [];
    private readonly List<VisitKind> _kinds = [];
    private readonly List<KindOfVisits> _visitsByKind = [];

    // The counts a batch hands the store, kept (with their room) from batch to batch: each kind's links one after the
    // other, and the clicks.
    private long[] _kindLinkIds = [];
    private long[] _kindCounts = [];
    private long[] _clickLinkIds = [];
    private long[] _clickCounts = [];
    private int[] _kindStarts = [];
    private int[] _kindLengths = [];
    private long[] _kindLastLinks = [];

    // Each visit's row names what it shares with others (its kind and country) by number, so that a row weighs 24 bytes
    // rather than the 56 of a VisitRow: a batch may hold hundreds of thousands of them.
    private readonly Dictionary<VisitShape, int> _shapeNumbers = [];
    private readonly List<ShapeOfVisits> _shapes = [];
    private readonly List<HeldRow> _rows = [];
    private readonly List<OrphanVisitRow> _orphans = [];

    /// <summary>Visits added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Visits added since the last <see cref="Clear"/> whose details were dropped for the bound; their clicks are counted.</summary>
    public int DetailsDropped { get; private set; }

    public void Add(in Visit visit)
    {
        var agent = _classifier.Classify(visit.UserAgent.ToString());
        var click = visit.Orphan is null && !agent.Bot && !visit.ClickCounted;
        if (Count >= maxDetailedVisits)
        {
            if (click)
            {
                _clicksPastTheBound.Add(visit.LinkId);
            }

            DetailsDropped++;
            Count++;
            return;
        }

        var referrer = HostOf(visit.Referrer.ToString());
        var country = countries?.CountryOf(visit.Address);
        var visitedAt = MillisecondsOf(visit.UtcTicks);
        if (visit.Orphan is { } orphan)
        {
            _orphans.Add(new OrphanVisitRow(orphan.Kind, orphan.Path, visitedAt, referrer, agent.Browser, agent.Os, agent.Bot, country));
            Count++;
            return;
        }

        var shape = new VisitShape(new VisitKind(MinuteOf(visit.UtcTicks), referrer, agent.Browser, agent.Os, agent.Bot), country);
        if (!_shapeNumbers.TryGetValue(shape, out var shapeNumber))
        {
            _shapeNumbers.Add(shape, shapeNumber = _shapes.Count);
            _shapes.Add(new ShapeOfVisits(shape, KindNumberOf(shape.Kind)));
        }

        _rows.Add(new HeldRow(visit.LinkId, visitedAt, shapeNumber, click));
        Count++;
    }

    private int KindNumberOf(VisitKind kind)
    {
        if (!_kindNumbers.TryGetValue(kind, out var number))
        {
            _kindNumbers.Add(kind, number = _kinds.Count);
            _kinds.Add(kind);
        }

        return number;
    }

    /// <summary>
    /// The batch, every list in ascending link order: a store then updates rows in the order they sit on disk (each
    /// page read once per batch, not once per link), and concurrent writers lock rows in the same order. It is valid
    /// until the next <see cref="Add"/> or <see cref="Clear"/>.
    /// </summary>
    public ClickBatch ToBatch()
    {
        // The visit log's rows by link: its index by link then takes them in key order, each of its pages read and
        // written once per batch however widely the visits spread over the links; and each kind's links, added up from
        // them, come out in link order. Sorted in place: a batch may hold hundreds of thousands of rows, and a sorted
        // copy of them would be garbage as large at every write.
        _rows.Sort(static (a, b) => a.LinkId != b.LinkId ? a.LinkId.CompareTo(b.LinkId) : a.VisitedAt.CompareTo(b.VisitedAt));
        var clicks = AddUpRows();
        _visitsByKind.Clear();
        for (var kind = 0; kind < _kinds.Count; kind++)
        {
            var (start, length) = (_kindStarts[kind], _kindLengths[kind]);
            _visitsByKind.Add(new KindOfVisits(_kinds[kind], new LinkCounts(_kindLinkIds.AsMemory(start, length), _kindCounts.AsMemory(start, length))));
        }

        return new ClickBatch(WithClicksPastTheBound(clicks), _visitsByKind) { Rows = new RowsOfBatch(_rows, _shapes), Orphans = _orphans };
    }

    /// <summary>
    /// Counts the sorted rows per kind and link into the kinds' arrays (a first pass finds how many links each kind
    /// has, so that each kind's links sit together), and the clicks per link.
    /// </summary>
    private LinkCounts AddUpRows()
    {
        var rows = CollectionsMarshal.AsSpan(_rows);
        var kinds = _kinds.Count;
        EnsureRoom(ref _kindStarts, kinds);
        EnsureRoom(ref _kindLengths, kinds);
        EnsureRoom(ref _kindLastLinks, kinds);

        // Link ids are positive, so no link is -1.
        _kindLengths.AsSpan(0, kinds).Clear();
        _kindLastLinks.AsSpan(0, kinds).Fill(-1);
        var (clickedLinks, lastClicked) = (0, -1L);
        foreach (var row in rows)
        {
            var kind = _shapes[row.ShapeNumber].KindNumber;
            if (_kindLastLinks[kind] != row.LinkId)
            {
                _kindLastLinks[kind] = row.LinkId;
                _kindLengths[kind]++;
            }

            if (row.Click && lastClicked != row.LinkId)
            {
                lastClicked = row.LinkId;
                clickedLinks++;
            }
        }

        var kindLinks = 0;
        for (var kind = 0; kind < kinds; kind++)
        {
            _kindStarts[kind] = kindLinks;
            kindLinks += _kindLengths[kind];
        }

        // As large as this batch's links need: many visits to a few links need little room.
        EnsureRoom(ref _kindLinkIds, kindLinks);
        EnsureRoom(ref _kindCounts, kindLinks);
        EnsureRoom(ref _clickLinkIds, clickedLinks);
        EnsureRoom(ref _clickCounts, clickedLinks);

        _kindLengths.AsSpan(0, kinds).Clear();
        _kindLastLinks.AsSpan(0, kinds).Fill(-1);
        var clicks = 0;
        foreach (var row in rows)
        {
            var kind = _shapes[row.ShapeNumber].KindNumber;
            if (_kindLastLinks[kind] != row.LinkId)
            {
                _kindLastLinks[kind] = row.LinkId;
                var at = _kindStarts[kind] + _kindLengths[kind]++;
                (_kindLinkIds[at], _kindCounts[at]) = (row.LinkId, 1);
            }
            else
            {
                _kindCounts[_kindStarts[kind] + _kindLengths[kind] - 1]++;
            }

            if (row.Click)
            {
                if (clicks > 0 && _clickLinkIds[clicks - 1] == row.LinkId)
                {
                    _clickCounts[clicks - 1]++;
                }
                else
                {
                    (_clickLinkIds[clicks], _clickCounts[clicks]) = (row.LinkId, 1);
                    clicks++;
                }
            }
        }

        return new LinkCounts(_clickLinkIds.AsMemory(0, clicks), _clickCounts.AsMemory(0, clicks));
    }

    /// <summary>The rows' clicks merged with those past the bound, in link order (a new list: this happens only while the database is down).</summary>
    private LinkCounts WithClicksPastTheBound(LinkCounts rowClicks)
    {
        var past = _clicksPastTheBound.ToLinkCounts();
        if (past.Length == 0)
        {
            return rowClicks;
        }

        var (linkIds, counts) = (new long[rowClicks.Length + past.Length], new long[rowClicks.Length + past.Length]);
        var rowIds = rowClicks.LinkIds.Span;
        var rowCounts = rowClicks.Counts.Span;
        var pastIds = past.LinkIds.Span;
        var pastCounts = past.Counts.Span;
        int row = 0, pastAt = 0, merged = 0;
        while (row < rowIds.Length || pastAt < pastIds.Length)
        {
            if (pastAt == pastIds.Length || (row < rowIds.Length && rowIds[row] < pastIds[pastAt]))
            {
                (linkIds[merged], counts[merged]) = (rowIds[row], rowCounts[row++]);
            }
            else if (row == rowIds.Length || pastIds[pastAt] < rowIds[row])
            {
                (linkIds[merged], counts[merged]) = (pastIds[pastAt], pastCounts[pastAt++]);
            }
            else
            {
                (linkIds[merged], counts[merged]) = (rowIds[row], rowCounts[row++] + pastCounts[pastAt++]);
            }

            merged++;
        }

        return new LinkCounts(linkIds.AsMemory(0, merged), counts.AsMemory(0, merged));
    }

    /// <summary>
    /// Grows <paramref name="array"/> to hold at least <paramref name="length"/> items and an eighth more, so that batches
    /// of about one size reuse it: these arrays are large, and each one outgrown stays as garbage until a full collection.
    /// </summary>
    private static void EnsureRoom<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[length + length / 8];
        }
    }

    public void Clear()
    {
        _clicksPastTheBound.Clear();
        _kindNumbers.Clear();
        _kinds.Clear();
        _shapeNumbers.Clear();
        _shapes.Clear();
        _rows.Clear();
        _orphans.Clear();
        Count = 0;
        DetailsDropped = 0;
    }

    /// <summary>Whole minutes since 1970-01-01 UTC, as the visit table keeps time.</summary>
    public static long MinuteOf(long utcTicks) => (utcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMinute;

    /// <summary>Milliseconds since 1970-01-01 UTC, as the visit log keeps time.</summary>
    public static long MillisecondsOf(long utcTicks) => (utcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    /// <summary>The host of an http or https referrer, lower case; empty for none or anything else.</summary>
    public static string HostOf(string? referrer) =>
        Uri.TryCreate(referrer, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length <= MaxHostLength
            ? uri.IdnHost.ToLowerInvariant()
            : "";

    /// <summary>What visits have in common apart from their link and time.</summary>
    private readonly record struct VisitShape(VisitKind Kind, string? Country);

    private readonly record struct ShapeOfVisits(VisitShape Shape, int KindNumber);

    // Click: the visit counts as a click of its link (a person's, not counted already).
    private readonly record struct HeldRow(long LinkId, long VisitedAt, int ShapeNumber, bool Click);

    /// <summary>The held rows as the stores read them, each made whole as it is read.</summary>
    private sealed class RowsOfBatch(List<HeldRow> rows, List<ShapeOfVisits> shapes) : IReadOnlyList<VisitRow>
    {
        public int Count => rows.Count;

        public VisitRow this[int index] => Whole(rows[index]);

        public IEnumerator<VisitRow> GetEnumerator()
        {
            foreach (var row in rows)
            {
                yield return Whole(row);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private VisitRow Whole(HeldRow row)
        {
            var (kind, country) = shapes[row.ShapeNumber].Shape;
            return new VisitRow(row.LinkId, row.VisitedAt, kind.Referrer, kind.Browser, kind.Os, kind.Bot, country);
        }
    }
}
