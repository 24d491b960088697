using System.Net;
using System.Net.Http.Json;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// The published service with <c>/metrics</c> on a port of its own, as Prometheus scrapes it: every metric of the
/// <c>ShortUrl</c> meter counts exactly what was done to this process, and the port serves nothing else, without a key.
/// </summary>
public sealed class ScrapingMetricsFromTheProcess : IAsyncLifetime
{
    private const int CreatePermits = 12;

    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-metrics-").FullName;
    private readonly PostgresTestDatabase? _postgres = TestPostgres.IsRunning ? TestPostgres.CreateDatabase() : null;
    private readonly int _metricsPort = ServiceProcess.FreePort();
    private ServiceProcess _service = null!;
    private HttpClient _metrics = null!;

    public async Task InitializeAsync()
    {
        string[] database = _postgres is null ? [] : ["--ShortUrl:Database=Postgres", $"--ConnectionStrings:ShortUrl={_postgres.ConnectionString}"];
        _service = await ServiceProcess.StartRateLimitedAsync(Path.Combine(_folder, "shorturl.db"),
        [
            .. database,
            "--ShortUrl:Metrics:Prometheus=true",
            $"--ShortUrl:Metrics:Port={_metricsPort}",
            $"--ShortUrl:RateLimit:PermitLimit={CreatePermits}",
            $"--ShortUrl:ApiKeys:0={LinkLifecycleRequests.ApiKeyHash}",
        ]);
        _metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_metricsPort}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _metrics.Dispose();
        await _service.DisposeAsync();
        _postgres?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EveryMetricOfTheShortUrlMeterCountsWhatThisProcessDid()
    {
        var client = _service.Client;
        var before = await ScrapeAsync();
        Assert.Equal(0, before.Value("shorturl_links_created_total") ?? 0);

        var plain = await CreateAsync(new { url = "https://example.com/metrics/plain" });
        var limited = await CreateAsync(new { url = "https://example.com/metrics/limited", maxClicks = 1 });
        var locked = await CreateAsync(new { url = "https://example.com/metrics/locked", password = "open sesame" });
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{plain}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Found, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{plain}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/NoSuchLink1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/NoSuchLink1")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{limited}")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/{limited}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/{locked}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostPasswordAsync(locked, "wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostPasswordAsync(locked, "open sesame")).StatusCode);

        var import = new HttpRequestMessage(HttpMethod.Post, "/api/urls/import")
        {
            Content = JsonContent.Create(new object[] { new { url = "https://example.com/metrics/imported" }, new { url = "not a url" } }),
        }.WithKey(LinkLifecycleRequests.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(import)).StatusCode);

        // 3 creates and the import took 4 permits; the rest go to creates until one is refused.
        var moreCreated = 0;
        HttpStatusCode status;
        while ((status = (await client.PostAsJsonAsync("/api/urls", new { url = $"https://example.com/metrics/{moreCreated}" })).StatusCode) == HttpStatusCode.Created)
        {
            moreCreated++;
            Assert.True(moreCreated <= CreatePermits, "the rate limit never refused a create");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(CreatePermits - 4, moreCreated);

        // 5 clicks on the plain link, 1 on the limited one, 1 through the password, and the 2 orphan visits of
        // /NoSuchLink1: the HEAD counts none.
        var scrape = await ScrapeUntilAsync(s => s.Value("shorturl_clicks_written_total") == 9);
        Assert.Equal(9, scrape.Value("shorturl_clicks_queued_total"));
        Assert.Equal(0, scrape.Value("shorturl_clicks_pending"));
        Assert.Equal(0, scrape.Value("shorturl_click_writer_lag_seconds"));
        Assert.NotNull(scrape.Value("shorturl_click_writer_batch_size"));
        Assert.Equal(7, scrape.Value("shorturl_redirects_total", ("outcome", "found")));
        Assert.Equal(2, scrape.Value("shorturl_redirects_total", ("outcome", "not_found")));
        Assert.Equal(1, scrape.Value("shorturl_redirects_total", ("outcome", "gone")));
        Assert.Equal(1, scrape.Value("shorturl_redirects_total", ("outcome", "password")));
        Assert.Equal(1, scrape.Value("shorturl_redirects_total", ("outcome", "unlocked")));
        Assert.Equal(3 + moreCreated, scrape.Value("shorturl_links_created_total"));
        Assert.Equal(1, scrape.Value("shorturl_import_rows_total", ("status", "created")));
        Assert.Equal(1, scrape.Value("shorturl_import_rows_total", ("status", "rejected")));
        Assert.Equal(1, scrape.Value("shorturl_rate_limit_rejections_total", ("policy", "create")));
        Assert.Equal(1, scrape.Value("shorturl_password_failures_total"));
        // The plain links (the one created, the imported one, the rate-limited run's) are in the index.
        Assert.Equal(2 + moreCreated, scrape.Value("shorturl_redirect_index_links"));
        // The second unknown code is a remembered miss: memory answered it.
        Assert.True(scrape.Value("shorturl_redirect_cache_lookups_total", ("result", "hit")) >= 7);
        Assert.True(scrape.Value("shorturl_redirect_cache_lookups_total", ("result", "miss")) >= 1);
        Assert.NotNull(scrape.Value("http_server_request_duration_seconds_count", ("http_response_status_code", "302")));
        Assert.NotNull(scrape.Value("dotnet_gc_collections_total"));
        // Kept off the redirect path: a measurement for every buffer Kestrel rents and returns.
        Assert.Null(scrape.Value("aspnetcore_memory_pool_rented_bytes_total"));
        Assert.Null(scrape.Value("aspnetcore_memory_pool_pooled_bytes"));
    }

    [Fact]
    public async Task TheMetricsPortServesOnlyMetricsAndTheServicePortServesNone()
    {
        Assert.Equal(HttpStatusCode.OK, (await _metrics.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _metrics.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _metrics.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _metrics.PostAsJsonAsync("/api/urls", new { url = "https://example.com/" })).StatusCode);

        var onTheServicePort = await _service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics").WithKey(LinkLifecycleRequests.ApiKey));
        Assert.Equal(HttpStatusCode.NotFound, onTheServicePort.StatusCode);
    }

    private async Task<string> CreateAsync(object body)
    {
        var created = await _service.Client.PostAsJsonAsync("/api/urls", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await CreateRequests.LinkAsync(created)).GetProperty("code").GetString()!;
    }

    private async Task<PrometheusText> ScrapeAsync()
    {
        var response = await _metrics.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the click writer's next write), for at most 10 s.</summary>
    private async Task<PrometheusText> ScrapeUntilAsync(Func<PrometheusText, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var scrape = await ScrapeAsync();
            if (done(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(100);
        }
    }
}
