using ShortUrl.Data;
using ShortUrl.Redirects;

namespace ShortUrl.Analytics;

/// <summary>
/// A batch of visits added up for the store: clicks by people per link (the headline count) and visits per link,
/// minute, referrer host, browser, OS and bot. However many visits arrive, the batch holds one row per distinct key.
/// </summary>
public sealed class VisitTally
{
    /// <summary>Longest host name DNS allows; anything longer is not a host.</summary>
    private const int MaxHostLength = 253;

    private readonly UserAgentClassifier _classifier = new();
    private readonly Dictionary<long, long> _clicksByLinkId = [];
    private readonly Dictionary<(long LinkId, long Minute, string Referrer, UserAgentClass Agent), long> _visits = [];

    /// <summary>Visits added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    private readonly List<KeyValuePair<long, long>> _clickRows = [];
    private readonly List<VisitCount> _visitRows = [];

    /// <summary>
    /// The clicks per link and the visit counts, each in key order: a store then updates rows in the order they sit on
    /// disk (each page read once per batch, not once per link), and concurrent writers lock rows in the same order.
    /// The lists are the tally's own, refilled rather than reallocated for each batch (one can hold a row for each of
    /// a million links); they are valid until the next <see cref="Add"/> or <see cref="Clear"/>.
    /// </summary>
    public (IReadOnlyCollection<KeyValuePair<long, long>> Clicks, IReadOnlyCollection<VisitCount> Visits) ToRows()
    {
        _clickRows.Clear();
        _clickRows.AddRange(_clicksByLinkId);
        _clickRows.Sort(static (a, b) => a.Key.CompareTo(b.Key));

        _visitRows.Clear();
        foreach (var ((linkId, minute, referrer, agent), visits) in _visits)
        {
            _visitRows.Add(new VisitCount(linkId, minute, referrer, agent.Browser, agent.Os, agent.Bot, visits));
        }

        _visitRows.Sort(static (a, b) =>
            a.LinkId != b.LinkId ? a.LinkId.CompareTo(b.LinkId)
            : a.Minute != b.Minute ? a.Minute.CompareTo(b.Minute)
            : string.CompareOrdinal(a.Referrer, b.Referrer) is var byReferrer and not 0 ? byReferrer
            : string.CompareOrdinal(a.Browser, b.Browser) is var byBrowser and not 0 ? byBrowser
            : string.CompareOrdinal(a.Os, b.Os) is var byOs and not 0 ? byOs
            : a.Bot.CompareTo(b.Bot));
        return (_clickRows, _visitRows);
    }

    public void Add(in Visit visit)
    {
        var agent = _classifier.Classify(visit.UserAgent.ToString());
        if (!agent.Bot && !visit.ClickCounted)
        {
            _clicksByLinkId[visit.LinkId] = _clicksByLinkId.GetValueOrDefault(visit.LinkId) + 1;
        }

        var key = (visit.LinkId, MinuteOf(visit.UtcTicks), HostOf(visit.Referrer.ToString()), agent);
        _visits[key] = _visits.GetValueOrDefault(key) + 1;
        Count++;
    }

    public void Clear()
    {
        _clicksByLinkId.Clear();
        _visits.Clear();
        Count = 0;
    }

    /// <summary>Whole minutes since 1970-01-01 UTC, as the visit table keeps time.</summary>
    public static long MinuteOf(long utcTicks) => (utcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMinute;

    /// <summary>The host of an http or https referrer, lower case; empty for none or anything else.</summary>
    public static string HostOf(string? referrer) =>
        Uri.TryCreate(referrer, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length <= MaxHostLength
            ? uri.IdnHost.ToLowerInvariant()
            : "";
}
