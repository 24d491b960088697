using System.ComponentModel.DataAnnotations;
using System.Net;
using ShortUrl.Hosting;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Stats;

namespace ShortUrl.Tests.Visits;

/// <summary><c>ShortUrl:Visits:RetentionDays</c>: visit rows and orphan visits older than that go; counts stay.</summary>
public sealed class PruningOldVisits : IDisposable
{
    private readonly ShortUrlFactory _factory = ShortUrlFactory.WithSettings([.. TestKeys.Settings, ("ShortUrl:Visits:RetentionDays", "7")]);
    private readonly TestClock _clock = new();
    private readonly WebApplicationFactory<Program> _app;

    public PruningOldVisits() =>
        _app = _factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<TimeProvider>(_clock)));

    [Fact]
    public async Task VisitsOlderThanTheRetentionArePrunedAndTheClicksStay()
    {
        var client = _app.CreateClient();
        var code = (await client.CreateLinkAsync("https://example.com/kept-a-week")).Code();
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/NoSuch99")).StatusCode);
        _clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}")).StatusCode);
        await FlushAsync();
        _clock.Advance(TimeSpan.FromDays(2));

        var pruned = await _app.Services.GetRequiredService<VisitRetention>().PruneAsync(7, TestContext.Timeout);

        Assert.Equal(2, pruned);
        using var list = new HttpRequestMessage(HttpMethod.Get, $"/api/urls/{code}/visits").WithKey(TestKeys.Admin);
        var visits = (await (await client.SendAsync(list)).Content.ReadFromJsonAsync<JsonElement>())!;
        Assert.Equal(1, visits.GetProperty("total").GetInt64());
        using var orphans = new HttpRequestMessage(HttpMethod.Get, "/api/visits/orphan/summary").WithKey(TestKeys.Admin);
        Assert.Equal(0, (await (await client.SendAsync(orphans)).Content.ReadFromJsonAsync<JsonElement>())!.GetProperty("total").GetInt64());
        Assert.Equal(2, await client.ClicksAsync(code));
    }

    [Fact]
    public async Task PruningGoesInBatchesUntilNothingOldIsLeft()
    {
        var client = _app.CreateClient();
        var code = (await client.CreateLinkAsync("https://example.com/many-old")).Code();
        var count = VisitRetention.BatchSize + 10;
        // Straight into the queue: thousands of requests would only slow the test down.
        var queue = _app.Services.GetRequiredService<ShortUrl.Clicks.ClickQueue>();
        await using var store = _factory.OpenStore();
        var link = (await store.Links.FindAsync(code, TestContext.Timeout))!;
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary();
        for (var i = 0; i < count; i++)
        {
            queue.Record(new ShortUrl.RedirectIndex.RedirectTarget(link.Id, link.Url), headers);
        }

        await FlushAsync();
        _clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal(count, await _app.Services.GetRequiredService<VisitRetention>().PruneAsync(7, TestContext.Timeout));
        Assert.Equal(0, (await store.VisitLog.VisitsAsync(link.Id, 0, long.MaxValue, 0, 1, TestContext.Timeout)).Total);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(null, true)]
    public void RetentionMustBeADayOrMore(int? days, bool valid)
    {
        var options = new ShortUrlOptions { Visits = { RetentionDays = days } };

        var problems = options.Validate(new ValidationContext(options)).Select(p => p.ErrorMessage).ToList();

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.StartsWith("ShortUrl:Visits:RetentionDays must be a whole number of days from 1", p));
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private Task FlushAsync() => _app.Services.GetRequiredService<ShortUrl.Clicks.ClickQueue>().FlushAsync(TestContext.Timeout);
}
