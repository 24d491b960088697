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

    public IReadOnlyCollection<KeyValuePair<long, long>> ClicksByLinkId => _clicksByLinkId;

    public IReadOnlyCollection<VisitCount> Visits => _visits
        .Select(v => new VisitCount(v.Key.LinkId, v.Key.Minute, v.Key.Referrer, v.Key.Agent.Browser, v.Key.Agent.Os, v.Key.Agent.Bot, v.Value))
        .ToList();

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
