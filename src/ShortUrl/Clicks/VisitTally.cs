using System.Collections;

namespace ShortUrl.Clicks;

/// <summary>
/// A batch of visits added up for the store: clicks by people per link (the headline count) and visits per link of
/// each kind (minute, referrer host, browser, OS, bot). However many visits arrive, the batch holds one row per link
/// and kind. Kinds are few (most visits of a minute share one) and links many, so each kind keeps a
/// <see cref="LinkTally"/> of its links, and a store gets each kind's links as one list.
/// Past <paramref name="maxDetailedVisits"/> visits (only while the database cannot take them) a visit adds only its
/// click to its link's count: that tally holds one entry per link however long the wait, while the kinds of visit
/// (one per minute, referrer, browser, OS) would grow without end. Such a visit's details are counted in
/// <see cref="DetailsDropped"/>.
/// </summary>
/// <remarks>Each visit is also kept as a row of the visit log with its country (looked up here, off the request path,
/// from the address the visit held in memory), its kind and country held once per batch and named by number in the row;
/// requests that found no link are kept as orphan visits; past the bound, neither.</remarks>
internal sealed class VisitTally(VisitCountries? countries = null, int maxDetailedVisits = int.MaxValue)
{
    /// <summary>Longest host name DNS allows; anything longer is not a host.</summary>
    private const int MaxHostLength = 253;

    private readonly UserAgentClassifier _classifier = new();
    private readonly LinkTally _clicks = new();
    private readonly Dictionary<VisitKind, int> _kindNumbers = [];
    private readonly List<VisitKind> _kinds = [];

    // A tally per kind number, kept (with its room) from batch to batch: the kinds of a batch are numbered from 0.
    private readonly List<LinkTally> _linksByKind = [];
    private readonly List<KindOfVisits> _visitsByKind = [];

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
        if (visit.Orphan is null && !agent.Bot && !visit.ClickCounted)
        {
            _clicks.Add(visit.LinkId);
        }

        if (Count >= maxDetailedVisits)
        {
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

        _rows.Add(new HeldRow(visit.LinkId, visitedAt, shapeNumber));
        _linksByKind[_shapes[shapeNumber].KindNumber].Add(visit.LinkId);
        Count++;
    }

    private int KindNumberOf(VisitKind kind)
    {
        if (!_kindNumbers.TryGetValue(kind, out var number))
        {
            _kindNumbers.Add(kind, number = _kinds.Count);
            _kinds.Add(kind);
            if (number == _linksByKind.Count)
            {
                _linksByKind.Add(new LinkTally());
            }
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
        _visitsByKind.Clear();
        for (var kind = 0; kind < _kinds.Count; kind++)
        {
            _visitsByKind.Add(new KindOfVisits(_kinds[kind], _linksByKind[kind].ToLinkCounts()));
        }

        // The visit log's rows by link too: its index by link then takes them in key order, each of its pages read and
        // written once per batch however widely the visits spread over the links.
        // Sorted in place: a batch may hold hundreds of thousands of rows, and a sorted copy of them would be garbage
        // as large at every write.
        _rows.Sort(static (a, b) => a.LinkId != b.LinkId ? a.LinkId.CompareTo(b.LinkId) : a.VisitedAt.CompareTo(b.VisitedAt));
        return new ClickBatch(_clicks.ToLinkCounts(), _visitsByKind) { Rows = new RowsOfBatch(_rows, _shapes), Orphans = _orphans };
    }

    public void Clear()
    {
        _clicks.Clear();
        for (var kind = 0; kind < _kinds.Count; kind++)
        {
            _linksByKind[kind].Clear();
        }

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

    private readonly record struct HeldRow(long LinkId, long VisitedAt, int ShapeNumber);

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
