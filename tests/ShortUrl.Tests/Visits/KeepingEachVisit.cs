using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Visits;

/// <summary><c>GET</c> and <c>DELETE /api/urls/{code}/visits</c>: each visit kept as a row, with its country.</summary>
public sealed class KeepingEachVisit(VisitsFactory factory) : IClassFixture<VisitsFactory>
{
    private const string ChromeOnWindows =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private const string Slackbot = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

    private readonly HttpClient _client = factory.App.CreateClient();

    [Fact]
    public async Task VisitsAreListedNewestFirstWithTheirFields()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/listed")).Code();
        var first = factory.Clock.GetUtcNow();
        await FollowAsync(code, ChromeOnWindows, "https://news.ycombinator.com/item?id=1", peer: TestGeoIp.UsAddress);
        factory.Clock.Advance(TimeSpan.FromSeconds(5));
        await FollowAsync(code, Slackbot, null, peer: "192.168.1.20");
        await factory.FlushAsync();

        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/visits");

        Assert.Equal(2, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(20, page.GetProperty("pageSize").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var (bot, person) = (items[0], items[1]);
        Assert.True(bot.GetProperty("bot").GetBoolean());
        Assert.Equal("Slackbot", bot.GetProperty("browser").GetString());
        Assert.Equal(JsonValueKind.Null, bot.GetProperty("referrer").ValueKind);
        Assert.Equal(JsonValueKind.Null, bot.GetProperty("country").ValueKind);
        Assert.False(person.GetProperty("bot").GetBoolean());
        Assert.Equal("Chrome", person.GetProperty("browser").GetString());
        Assert.Equal("Windows", person.GetProperty("os").GetString());
        Assert.Equal("news.ycombinator.com", person.GetProperty("referrer").GetString());
        Assert.Equal("US", person.GetProperty("country").GetString());
        var visitedAt = person.GetProperty("visitedAt").GetDateTime();
        Assert.Equal(DateTimeKind.Utc, visitedAt.Kind);
        Assert.InRange(visitedAt, first.UtcDateTime.AddMilliseconds(-1), first.UtcDateTime.AddSeconds(1));
        Assert.False(page.GetRawText().Contains(TestGeoIp.UsAddress, StringComparison.Ordinal), "The address is never kept.");
    }

    [Fact]
    public async Task TheCountryComesFromTheAddressATrustedProxyForwards()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/proxied")).Code();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
        request.Headers.Add(PeerAddress.Header, VisitsFactory.Proxy);
        request.Headers.Add("X-Forwarded-For", TestGeoIp.GbAddress);
        Assert.Equal(HttpStatusCode.Found, (await _client.SendAsync(request)).StatusCode);
        await factory.FlushAsync();

        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/visits");

        Assert.Equal("GB", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("country").GetString());
        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats");
        var country = Assert.Single(stats.GetProperty("countries").EnumerateArray());
        Assert.Equal("GB", country.GetProperty("name").GetString());
        Assert.Equal(1, country.GetProperty("clicks").GetInt64());
    }

    [Fact]
    public async Task StatsShowTheTopCountriesOfPeopleOnly()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/countries")).Code();
        await FollowAsync(code, ChromeOnWindows, null, peer: TestGeoIp.UsAddress);
        await FollowAsync(code, ChromeOnWindows, null, peer: TestGeoIp.UsAddress);
        await FollowAsync(code, ChromeOnWindows, null, peer: TestGeoIp.GbAddress);
        await FollowAsync(code, Slackbot, null, peer: TestGeoIp.GbAddress);
        await factory.FlushAsync();

        var stats = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats");

        Assert.Equal(["US: 2", "GB: 1"], stats.GetProperty("countries").EnumerateArray()
            .Select(c => $"{c.GetProperty("name").GetString()}: {c.GetProperty("clicks").GetInt64()}"));
        Assert.Equal(3, stats.GetProperty("clicks").GetInt64());
    }

    [Fact]
    public async Task FromToAndPagesPickTheVisits()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/paged")).Code();
        var times = new List<DateTimeOffset>();
        for (var i = 0; i < 5; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            times.Add(factory.Clock.GetUtcNow());
            await FollowAsync(code, ChromeOnWindows, $"https://site{i}.example/", peer: null);
        }

        await factory.FlushAsync();

        var second = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/visits?page=2&pageSize=2");
        Assert.Equal(5, second.GetProperty("total").GetInt64());
        Assert.Equal(["site2.example", "site1.example"], Referrers(second));
        var last = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/visits?page=3&pageSize=2");
        Assert.Equal(["site0.example"], Referrers(last));

        var from = Uri.EscapeDataString(times[1].UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        var to = Uri.EscapeDataString(times[3].UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
        var range = await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/visits?from={from}&to={to}");
        Assert.Equal(3, range.GetProperty("total").GetInt64());
        Assert.Equal(["site3.example", "site2.example", "site1.example"], Referrers(range));

        // Whole days, inclusive at both ends (the five minutes may straddle midnight when the tests run then).
        var firstDay = times[0].UtcDateTime.ToString("yyyy-MM-dd");
        var lastDay = times[4].UtcDateTime.ToString("yyyy-MM-dd");
        var tomorrow = times[4].UtcDateTime.AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(5, (await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/visits?from={firstDay}&to={lastDay}")).GetProperty("total").GetInt64());
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/visits?from={tomorrow}")).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-12-01T10:00:00", "from")]
    [InlineData("from=1969-12-31", "from")]
    [InlineData("to=0001-01-01", "to")]
    [InlineData("from=1969-12-31T23:59:59Z", "from")]
    [InlineData("from=2026-12-02&to=2026-12-01", "from")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task BadRangesAndPagesAreRefused(string query, string field)
    {
        var code = (await _client.CreateLinkAsync("https://example.com/bad-query")).Code();

        var response = await _client.GetAsync($"/api/urls/{code}/visits?{query}");

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task ListingVisitsOfAnUnknownCodeReturns404()
    {
        var response = await _client.GetAsync("/api/urls/NoSuch99/visits");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThoseWhoMayNotSeeALinksStatsMayNotListItsVisits()
    {
        var created = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/secret", password = "open sesame" });
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).Code();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetAsync($"/api/urls/{code}/visits")).StatusCode);
        using var admin = new HttpRequestMessage(HttpMethod.Get, $"/api/urls/{code}/visits").WithKey(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(admin)).StatusCode);
    }

    [Fact]
    public async Task DeletingVisitsNeedsAnAdminKeyAndKeepsTheClicks()
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/urls") { Content = JsonContent.Create(new { url = "https://example.com/forget" }) };
        var code = (await (await _client.SendAsync(create.WithKey(TestKeys.Alice))).Content.ReadFromJsonAsync<JsonElement>()).Code();
        await FollowAsync(code, ChromeOnWindows, null, peer: null);
        await FollowAsync(code, ChromeOnWindows, null, peer: null);
        await factory.FlushAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.DeleteAsync($"/api/urls/{code}/visits")).StatusCode);
        using var byAuthor = new HttpRequestMessage(HttpMethod.Delete, $"/api/urls/{code}/visits").WithKey(TestKeys.Alice);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(byAuthor)).StatusCode);
        using var byAdmin = new HttpRequestMessage(HttpMethod.Delete, $"/api/urls/{code}/visits").WithKey(TestKeys.Admin);
        var deleted = await _client.SendAsync(byAdmin);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(2, (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deletedVisits").GetInt64());
        using var list = new HttpRequestMessage(HttpMethod.Get, $"/api/urls/{code}/visits").WithKey(TestKeys.Admin);
        Assert.Equal(0, (await (await _client.SendAsync(list)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64());
        Assert.Equal(2, await _client.ClicksAsync(code));
        using var unknown = new HttpRequestMessage(HttpMethod.Delete, "/api/urls/NoSuch99/visits").WithKey(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.SendAsync(unknown)).StatusCode);
    }

    [Fact]
    public async Task ADeletedLinksVisitsGoWithIt()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/deleted")).Code();
        await FollowAsync(code, ChromeOnWindows, null, peer: TestGeoIp.UsAddress);
        await factory.FlushAsync();
        await using var store = factory.OpenStore();
        var id = (await store.Links.FindAsync(code, TestContext.Timeout))!.Id;
        Assert.Equal(1, (await store.VisitLog.VisitsAsync(id, 0, long.MaxValue, 0, 10, TestContext.Timeout)).Total);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/urls/{code}").WithKey(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(delete)).StatusCode);

        Assert.Equal(0, (await store.VisitLog.VisitsAsync(id, 0, long.MaxValue, 0, 10, TestContext.Timeout)).Total);
    }

    private static List<string?> Referrers(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("referrer").GetString()).ToList();

    private async Task FollowAsync(string code, string? userAgent, string? referrer, string? peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
        if (userAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        if (referrer is not null)
        {
            request.Headers.Referrer = new Uri(referrer);
        }

        if (peer is not null)
        {
            request.Headers.Add(PeerAddress.Header, peer);
        }

        Assert.Equal(HttpStatusCode.Found, (await _client.SendAsync(request)).StatusCode);
    }
}
