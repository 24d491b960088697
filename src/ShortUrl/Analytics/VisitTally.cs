using ShortUrl.Data;
using ShortUrl.Redirects;

namespace ShortUrl.Analytics;

/// <summary>
/// A batch of visits added up for the store: clicks by people per link (the headline count) and visits per link of
/// each kind (minute, referrer host, browser, OS, bot). However many visits arrive, the batch holds one row per link
/// and kind. Kinds are few (most visits of a minute share one) and links many, so rows are kept by kind number and
/// link: a batch is then sorted by numbers alone, and a store gets each kind's links as one list.
/// </summary>
public sealed class VisitTally
{
    /// <summary>Longest host name DNS allows; anything longer is not a host.</summary>
    private const int MaxHostLength = 253;

    private readonly UserAgentClassifier _classifier = new();
    private readonly Dictionary<long, long> _clicksByLinkId = [];
    private readonly Dictionary<VisitKind, int> _kindNumbers = [];
    private readonly List<VisitKind> _kinds = [];
    private readonly Dictionary<(int Kind, long LinkId), long> _visits = [];

    // The batch handed to the store, refilled rather than reallocated for each batch (it can hold a row for each of a
    // million links).
    private long[] _clickLinkIds = [];
    private long[] _clickCounts = [];
    private long[] _visitLinkIds = [];
    private long[] _visitCounts = [];
    private int[] _kindEnds = [];
    private readonly List<KindOfVisits> _visitsByKind = [];

    /// <summary>Visits added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    public void Add(in Visit visit)
    {
        var agent = _classifier.Classify(visit.UserAgent.ToString());
        if (!agent.Bot && !visit.ClickCounted)
        {
            _clicksByLinkId[visit.LinkId] = _clicksByLinkId.GetValueOrDefault(visit.LinkId) + 1;
        }

        var kind = new VisitKind(MinuteOf(visit.UtcTicks), HostOf(visit.Referrer.ToString()), agent.Browser, agent.Os, agent.Bot);
        if (!_kindNumbers.TryGetValue(kind, out var number))
        {
            _kindNumbers.Add(kind, number = _kinds.Count);
            _kinds.Add(kind);
        }

        var key = (number, visit.LinkId);
        _visits[key] = _visits.GetValueOrDefault(key) + 1;
        Count++;
    }

    /// <summary>
    /// The batch, every list in ascending link order: a store then updates rows in the order they sit on disk (each
    /// page read once per batch, not once per link), and concurrent writers lock rows in the same order. It is valid
    /// until the next <see cref="Add"/> or <see cref="Clear"/>.
    /// </summary>
    public ClickBatch ToBatch()
    {
        var clicks = _clicksByLinkId.Count;
        EnsureCapacity(ref _clickLinkIds, clicks);
        EnsureCapacity(ref _clickCounts, clicks);
        _clicksByLinkId.Keys.CopyTo(_clickLinkIds, 0);
        _clicksByLinkId.Values.CopyTo(_clickCounts, 0);
        Array.Sort(_clickLinkIds, _clickCounts, 0, clicks);

        // Each kind's rows go to a range of their own (a counting sort by kind), then each range is sorted by link.
        var rows = _visits.Count;
        EnsureCapacity(ref _visitLinkIds, rows);
        EnsureCapacity(ref _visitCounts, rows);
        EnsureCapacity(ref _kindEnds, _kinds.Count);
        Array.Clear(_kindEnds, 0, _kinds.Count);
        foreach (var (kind, _) in _visits.Keys)
        {
            _kindEnds[kind]++;
        }

        for (int kind = 0, end = 0; kind < _kinds.Count; kind++)
        {
            end += _kindEnds[kind];
            _kindEnds[kind] = end;
        }

        foreach (var ((kind, linkId), visits) in _visits)
        {
            var at = --_kindEnds[kind]; // ends up at the range's start
            _visitLinkIds[at] = linkId;
            _visitCounts[at] = visits;
        }

        _visitsByKind.Clear();
        for (var kind = 0; kind < _kinds.Count; kind++)
        {
            var start = _kindEnds[kind];
            var length = (kind + 1 < _kinds.Count ? _kindEnds[kind + 1] : rows) - start;
            Array.Sort(_visitLinkIds, _visitCounts, start, length);
            _visitsByKind.Add(new KindOfVisits(_kinds[kind], new LinkCounts(
                _visitLinkIds.AsMemory(start, length), _visitCounts.AsMemory(start, length))));
        }

        return new ClickBatch(new LinkCounts(_clickLinkIds.AsMemory(0, clicks), _clickCounts.AsMemory(0, clicks)), _visitsByKind);
    }

    public void Clear()
    {
        _clicksByLinkId.Clear();
        _kindNumbers.Clear();
        _kinds.Clear();
        _visits.Clear();
        Count = 0;
    }

    private static void EnsureCapacity<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }
    }

    /// <summary>Whole minutes since 1970-01-01 UTC, as the visit table keeps time.</summary>
    public static long MinuteOf(long utcTicks) => (utcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMinute;

    /// <summary>The host of an http or https referrer, lower case; empty for none or anything else.</summary>
    public static string HostOf(string? referrer) =>
        Uri.TryCreate(referrer, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length <= MaxHostLength
            ? uri.IdnHost.ToLowerInvariant()
            : "";
}
