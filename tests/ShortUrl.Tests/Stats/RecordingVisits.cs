using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShortUrl.Clicks;
using ShortUrl.Hosting;
using ShortUrl.RedirectIndex;
using ShortUrl.Storage;
namespace ShortUrl.Tests.Stats;

/// <summary>Visits recorded per redirect, bots kept apart, and <c>GET /api/urls/{code}/stats</c> over them.</summary>
public sealed class RecordingVisits(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private const string ChromeOnWindows =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private const string SafariOnIphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        + "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    private const string Slackbot = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task BotsAreCountedApartAndLeftOutOfTheHeadlineClicks()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/visited")).Code();

        for (var i = 0; i < 3; i++)
        {
            await FollowAsync(code, ChromeOnWindows, "https://news.ycombinator.com/item?id=1");
        }

        await FollowAsync(code, SafariOnIphone, null);
        await FollowAsync(code, SafariOnIphone, "android-app://com.slack/");
        await FollowAsync(code, Slackbot, "https://slack.com/");
        await FollowAsync(code, "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", null);
        await FollowAsync(code, null, null);
        await factory.FlushClicksAsync();

        var link = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal(6, link.GetProperty("clicks").GetInt64());
        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats");
        Assert.Equal(6, stats.GetProperty("clicks").GetInt64());
        Assert.Equal(2, stats.GetProperty("botClicks").GetInt64());
        Assert.Equal(6, stats.GetProperty("range").GetProperty("clicks").GetInt64());
        Assert.Equal(2, stats.GetProperty("range").GetProperty("botClicks").GetInt64());
        var today = stats.GetProperty("days").EnumerateArray().Last();
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd"), today.GetProperty("date").GetString());
        Assert.Equal(6, today.GetProperty("clicks").GetInt64());
        Assert.Equal(2, today.GetProperty("botClicks").GetInt64());
        Assert.Equal(["(direct): 3", "news.ycombinator.com: 3"], Named(stats, "referrers"));
        Assert.Equal(["Chrome: 3", "Safari: 2", "Other: 1"], Named(stats, "browsers"));
        Assert.Equal(["Windows: 3", "iOS: 2", "Other: 1"], Named(stats, "operatingSystems"));
        Assert.Equal(["Facebook: 1", "Slackbot: 1"], Named(stats, "bots"));
    }

    [Fact]
    public async Task ManyVisitsAddUpExactlyOnceFlushed()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/many")).Code();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => FollowAsync(code, i % 4 == 0 ? Slackbot : ChromeOnWindows, null)));
        await factory.FlushClicksAsync();

        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats");
        Assert.Equal(30, stats.GetProperty("clicks").GetInt64());
        Assert.Equal(10, stats.GetProperty("botClicks").GetInt64());
        Assert.Equal(30, stats.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("clicks").GetInt64()));
    }

    [Fact]
    public async Task ALinkWithAClickLimitCountsEachClickOnceAndStillRecordsItsVisits()
    {
        var created = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/limited", maxClicks = 10 });
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).Code();

        await FollowAsync(code, ChromeOnWindows, "https://news.ycombinator.com/");
        await FollowAsync(code, ChromeOnWindows, null);
        await FollowAsync(code, Slackbot, null);
        await factory.FlushClicksAsync();

        // The limit counts every click as it happens, bots too, so that it holds exactly.
        Assert.Equal(3, (await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}")).GetProperty("clicks").GetInt64());
        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats");
        Assert.Equal(2, stats.GetProperty("range").GetProperty("clicks").GetInt64());
        Assert.Equal(1, stats.GetProperty("range").GetProperty("botClicks").GetInt64());
    }

    [Fact]
    public async Task TheStatsListEveryDayOfTheRangeWithZerosIncluded()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/quiet")).Code();

        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats?from=2024-02-01&to=2024-03-01");

        var days = stats.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(30, days.Count);
        Assert.Equal("2024-02-01", days[0].GetProperty("date").GetString());
        Assert.Equal("2024-02-29", days[28].GetProperty("date").GetString());
        Assert.Equal("2024-03-01", days[29].GetProperty("date").GetString());
        Assert.All(days, d => Assert.Equal(0, d.GetProperty("clicks").GetInt64() + d.GetProperty("botClicks").GetInt64()));
        Assert.Empty(stats.GetProperty("referrers").EnumerateArray());
    }

    [Fact]
    public async Task WithoutARangeTheStatsCoverTheLast30DaysToToday()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/default-range")).Code();

        var asked = DateTime.UtcNow;
        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats");
        var answered = DateTime.UtcNow;

        // Today as the service saw it: the day it was asked, or the next when midnight came while it answered.
        var to = DateTime.ParseExact(stats.GetProperty("to").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(to, new[] { asked.Date, answered.Date });
        Assert.Equal(30, stats.GetProperty("days").GetArrayLength());
        Assert.Equal(to.AddDays(-29).ToString("yyyy-MM-dd"), stats.GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-1-1", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-02-01&to=2026-01-31", "from")]
    [InlineData("from=2025-01-01&to=2026-01-02", "from")]
    public async Task ABadRangeIs400NamingTheField(string query, string field)
    {
        var code = (await _client.CreateLinkAsync("https://example.com/ranges")).Code();

        var response = await _client.GetAsync($"/api/urls/{code}/stats?{query}");

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task AYearOf366DaysIsAllowed()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/leap")).Code();

        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats?from=2024-01-01&to=2024-12-31");

        Assert.Equal(366, stats.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task TheStatsOfAnUnknownCodeAre404()
    {
        var response = await _client.GetAsync("/api/urls/NoSuch1/stats");

        await ProblemAssert.IsProblemAsync(response, 404);
    }

    [Fact]
    public async Task VisitsStillQueuedAreWrittenWhenTheWriterStops()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/stopping")).Code();
        var store = factory.Services.GetRequiredService<StorageEngine>();
        var target = new RedirectTarget((await store.Links.FindAsync(code, TestContext.Timeout))!.Id, "https://example.com/stopping");
        var queue = new ClickQueue(TimeProvider.System);
        var writer = new ClickWriter(queue, store.Clicks, factory.Services.GetRequiredService<IOptions<ShortUrlOptions>>(), NullLogger<ClickWriter>.Instance);
        await writer.StartAsync(TestContext.Timeout);
        // One visit through the running writer first: the host starts it long before it is ever stopped.
        queue.Record(target, new HeaderDictionary { ["User-Agent"] = Slackbot });
        await queue.FlushAsync(TestContext.Timeout);

        for (var i = 0; i < 50; i++)
        {
            queue.Record(target, new HeaderDictionary { ["User-Agent"] = i < 45 ? ChromeOnWindows : Slackbot });
        }

        await writer.StopAsync(TestContext.Timeout);

        Assert.Equal(45, (await store.Links.FindAsync(code, TestContext.Timeout))!.Clicks);
        Assert.Equal(6, await store.Stats.BotClicksAsync(target.LinkId, TestContext.Timeout));
    }

    private async Task FollowAsync(string code, string? userAgent, string? referrer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (referrer is not null)
        {
            request.Headers.TryAddWithoutValidation("Referer", referrer);
        }

        using var response = await _client.SendAsync(request);
        Assert.Equal(302, (int)response.StatusCode);
    }

    private static List<string> Named(JsonElement stats, string list) => stats.GetProperty(list).EnumerateArray()
        .Select(n => $"{n.GetProperty("name").GetString()}: {n.GetProperty("clicks").GetInt64()}")
        .ToList();
}
