using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// <c>/metrics</c> on the service's own port: absent unless <c>ShortUrl:Metrics:Prometheus</c> turns it on, and then
/// for admin keys only. Exact counts are checked on a process of their own (<see cref="ScrapingMetricsFromTheProcess"/>):
/// in this test process every host's <c>ShortUrl</c> meter has the same name, and an exporter listens to them all.
/// </summary>
public sealed class ExposingMetrics : IClassFixture<ExposingMetrics.WithPrometheus>
{
    private readonly WithPrometheus _factory;

    public ExposingMetrics(WithPrometheus factory) => _factory = factory;

    public sealed class WithPrometheus() : ShortUrlFactoryWith([.. TestKeys.Settings, ("ShortUrl:Metrics:Prometheus", "true")]);

    [Fact]
    public async Task MetricsAreAnUnknownLinkWhenPrometheusIsOff()
    {
        using var factory = ShortUrlFactory.WithSettings(TestKeys.Settings);

        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics").WithKey(TestKeys.Admin));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // Nothing listens to the meters, so recording costs next to nothing.
        Assert.Null(factory.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
    }

    [Fact]
    public async Task MetricsWithoutAKeyAnswer401()
    {
        var response = await _factory.CreateClient().GetAsync("/metrics");

        await ProblemAssert.IsProblemAsync(response, 401);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData(TestKeys.Wrong)]
    [InlineData(TestKeys.Alice)]
    public async Task MetricsWithAWrongOrAnAuthorKeyAnswer403(string key)
    {
        var response = await _factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics").WithKey(key));

        await ProblemAssert.IsProblemAsync(response, 403);
        Assert.DoesNotContain("shorturl_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MetricsWithAnAdminKeyAreThePrometheusTextOfTheShortUrlMeterAfterACreateAndARedirect()
    {
        var client = _factory.CreateClient();
        var created = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/metrics/in-process" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await CreateRequests.LinkAsync(created)).GetProperty("code").GetString();
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}")).StatusCode);
        await _factory.FlushClicksAsync();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics").WithKey(TestKeys.Admin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var scrape = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(scrape.Value("shorturl_links_created_total") >= 1);
        Assert.True(scrape.Value("shorturl_redirects_total", ("outcome", "found")) >= 1);
        Assert.True(scrape.Value("shorturl_clicks_queued_total") >= 1);
        Assert.True(scrape.Value("shorturl_clicks_written_total") >= 1);
        // The gauges are each host's, and the exporter of one host reads whichever host's gauge of the name it meets
        // first when other test hosts run in this process: their values are checked on a process of its own
        // (ScrapingMetricsFromTheProcess), their presence here.
        Assert.NotNull(scrape.Value("shorturl_redirect_index_links"));
        Assert.NotNull(scrape.Value("shorturl_clicks_pending"));
        Assert.NotNull(scrape.Value("shorturl_click_writer_lag_seconds"));
        Assert.NotNull(scrape.Value("http_server_request_duration_seconds_count", ("http_route", "/{code:shortcode}")));
    }

    [Fact]
    public async Task WithAnOtlpEndpointSetTheServiceStartsAndServesWhetherOrNotACollectorListens()
    {
        // Port 9 (discard) on loopback: nothing listens, so every export fails, in the background.
        using var factory = ShortUrlFactory.WithSettings(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"), ("OTEL_METRIC_EXPORT_INTERVAL", "100"));
        var client = factory.CreateClient();

        var created = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/metrics/otlp" });
        var code = (await CreateRequests.LinkAsync(created)).GetProperty("code").GetString();
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.NotNull(factory.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.NotNull(factory.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        // OTLP alone serves no /metrics.
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics").WithKey(TestKeys.Admin))).StatusCode);
    }
}
