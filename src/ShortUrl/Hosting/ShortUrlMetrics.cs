using System.Diagnostics.Metrics;
using ShortUrl.Clicks;
using ShortUrl.RedirectIndex;
namespace ShortUrl.Hosting;

/// <summary>
/// The <c>ShortUrl</c> meter: what the service does, as counters and gauges that OpenTelemetry exports (Prometheus's
/// <c>/metrics</c>, OTLP; see <see cref="Telemetry"/>). Each instrument is recorded where the thing happens. With no
/// exporter configured nothing listens, and a recording is a check of a flag. What the redirect path records on every
/// request (redirects, cache lookups, clicks queued) is a <see cref="StripedCounter"/> that the exporter reads as an
/// observable counter, so a redirect neither looks up tags nor shares a write with the other core.
/// The names as Prometheus spells them are in docs/operations.md.
/// </summary>
internal sealed class ShortUrlMetrics
{
    public const string MeterName = "ShortUrl";

    private static readonly KeyValuePair<string, object?> Found = Outcome("found");
    private static readonly KeyValuePair<string, object?> NotFound = Outcome("not_found");
    private static readonly KeyValuePair<string, object?> Gone = Outcome("gone");
    private static readonly KeyValuePair<string, object?> PasswordAsked = Outcome("password");
    private static readonly KeyValuePair<string, object?> Unlocked = Outcome("unlocked");
    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");

    // Process-wide, as a Counter<long> of a meter named ShortUrl would be: OpenTelemetry listens to meters by name, so
    // where several hosts share a process (the tests' in-memory servers) it reads one host's observable callback for
    // all of them, and that callback must report what every host counted.
    private static readonly StripedCounter FoundRedirects = new();
    private static readonly StripedCounter NotFoundRedirects = new();
    private static readonly StripedCounter GoneRedirects = new();
    private static readonly StripedCounter PasswordAskedRedirects = new();
    private static readonly StripedCounter UnlockedRedirects = new();
    private static readonly StripedCounter CacheHits = new();
    private static readonly StripedCounter CacheMisses = new();
    private static readonly StripedCounter ClicksQueued = new();
    private readonly Counter<long> _creates;
    private readonly Counter<long> _clicksWritten;
    private readonly Counter<long> _importRows;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _passwordFailures;
    private long _lastBatch;

    /// <param name="meters">The host's meter factory.</param>
    /// <param name="services">
    /// Where the gauges find the click queue and the redirect index when they are read: those record into this, so they
    /// cannot be given to it when it is made.
    /// </param>
    public ShortUrlMetrics(IMeterFactory meters, IServiceProvider services)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("shorturl.redirects", () => new Measurement<long>[]
            {
                new(FoundRedirects.Total, Found), new(NotFoundRedirects.Total, NotFound), new(GoneRedirects.Total, Gone),
                new(PasswordAskedRedirects.Total, PasswordAsked), new(UnlockedRedirects.Total, Unlocked),
            }, "{redirect}",
            "Requests to follow a short link (GET, HEAD, and password posts), by outcome: found, not_found, gone, password (asked for one), unlocked (the right one).");
        meter.CreateObservableCounter("shorturl.redirect_cache.lookups",
            () => new Measurement<long>[] { new(CacheHits.Total, Hit), new(CacheMisses.Total, Miss) }, "{lookup}",
            "Lookups of a code by the redirect path: hit when memory answered (the index, the cache, or a remembered miss), miss when the database was read.");
        _creates = meter.CreateCounter<long>("shorturl.links.created", "{link}", "Links created through the API (imports are counted apart).");
        meter.CreateObservableCounter("shorturl.clicks.queued", () => ClicksQueued.Total, "{click}", "Visits recorded by redirects (orphan visits included), on their way to the database.");
        _clicksWritten = meter.CreateCounter<long>("shorturl.clicks.written", "{click}", "Visits the click writer has written to the database.");
        _importRows = meter.CreateCounter<long>("shorturl.import.rows", "{row}", "Rows of imports, by status: created, skipped, rejected.");
        _rateLimitRejections = meter.CreateCounter<long>("shorturl.rate_limit.rejections", "{request}",
            "Requests refused with 429 by a rate limit, by policy: create (creates and imports), password (password attempts).");
        _passwordFailures = meter.CreateCounter<long>("shorturl.password.failures", "{attempt}", "Wrong passwords posted to protected links.");

        var clicks = new Lazy<ClickQueue>(services.GetRequiredService<ClickQueue>);
        var index = new Lazy<LinkIndex>(services.GetRequiredService<LinkIndex>);
        var cache = new Lazy<LinkCache>(services.GetRequiredService<LinkCache>);
        meter.CreateObservableGauge("shorturl.clicks.pending", () => clicks.Value.Backlog().Visits, "{click}",
            "Visits counted but not yet written to the database.");
        meter.CreateObservableGauge("shorturl.click_writer.lag", () => clicks.Value.Backlog().OldestWait.TotalSeconds, "s",
            "How long the oldest visit not yet written has waited; 0 when all are written.");
        meter.CreateObservableGauge("shorturl.click_writer.batch_size", () => Volatile.Read(ref _lastBatch), "{click}",
            "Visits in the click writer's last write.");
        meter.CreateObservableGauge("shorturl.redirect_index.links", () => index.Value.Count, "{link}",
            "Plain links in the redirect index.");
        meter.CreateObservableGauge("shorturl.redirect_cache.links", () => cache.Value.Count, "{link}",
            "Links in the redirect cache besides the index (links with rules, long aliases, beyond the index).");
    }

    public void Redirected() => FoundRedirects.Increment();

    public void LinkNotFound() => NotFoundRedirects.Increment();

    public void LinkGone() => GoneRedirects.Increment();

    public void PasswordAskedFor() => PasswordAskedRedirects.Increment();

    public void LinkUnlocked() => UnlockedRedirects.Increment();

    /// <param name="hit">Memory answered; false when the database was read.</param>
    public void CacheLookup(bool hit) => (hit ? CacheHits : CacheMisses).Increment();

    public void LinkCreated() => _creates.Add(1);

    public void ClickQueued() => ClicksQueued.Increment();

    public void ClicksWritten(int visits)
    {
        Volatile.Write(ref _lastBatch, visits);
        _clicksWritten.Add(visits);
    }

    public void ImportRows(int created, int skipped, int rejected)
    {
        _importRows.Add(created, new KeyValuePair<string, object?>("status", "created"));
        _importRows.Add(skipped, new KeyValuePair<string, object?>("status", "skipped"));
        _importRows.Add(rejected, new KeyValuePair<string, object?>("status", "rejected"));
    }

    /// <param name="policy"><c>create</c> or <c>password</c>.</param>
    public void RateLimitRejected(string policy) => _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void PasswordFailed() => _passwordFailures.Add(1);

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
