using System.Net.Http.Json;
using System.Text.Json;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Peers;

/// <summary>
/// Shlink's own SDK (<c>@shlinkio/shlink-js-sdk</c>, as published on npm) manages a published ShortUrl through
/// <c>/rest/v3</c> unchanged: every SDK method that maps to something ShortUrl has, with the shapes, errors and CORS
/// answers the SDK's users read (<c>tests/peer-clients/shlink.mjs</c> holds the checks). On SQLite, and in the
/// PostgreSQL pass on a database of its own there.
/// </summary>
public sealed class SpeakingShlink(PeerService service) : IClassFixture<PeerService>
{
    [Fact]
    public async Task TheShlinkSdkManagesShortUrlsTagsVisitsAndRulesUnchanged()
    {
        var run = await PeerClients.RunAsync("shlink.mjs", service.Environment);

        PeerClients.AssertEveryCheckPassed("shlink.mjs", run);
    }

    [Fact]
    public async Task VisitsSummariesCountPeopleAndBotsApartAndBothInTheTotal()
    {
        var client = service.Process.Client;
        using var created = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/rest/v3/short-urls")
        {
            Content = JsonContent.Create(new { longUrl = "https://example.com/shlink-summary", customSlug = "shlink-summary" }),
        }.WithKey(PeerService.AdminKey));
        created.EnsureSuccessStatusCode();
        var before = await OverviewAsync(client);

        await VisitAsync(client, "/shlink-summary", Chrome);
        await VisitAsync(client, "/shlink-summary", Chrome);
        await VisitAsync(client, "/shlink-summary", "curl/8.5.0");
        await VisitAsync(client, "/no-such-shlink-code", Chrome);
        await VisitAsync(client, "/no-such-shlink-code", "curl/8.5.0");

        var summary = default(JsonElement);
        var after = default(JsonElement);
        await Wait.UntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/rest/v3/short-urls/shlink-summary").WithKey(PeerService.AdminKey);
            using var response = await client.SendAsync(request);
            summary = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("visitsSummary");
            after = await OverviewAsync(client);
            return summary.GetProperty("total").GetInt64() == 3
                && Totals(after, "orphanVisits").Total == Totals(before, "orphanVisits", total: 2).Total;
        }, TimeSpan.FromSeconds(10), "the three visits in the link's summary and the two orphan visits in the overview");
        Assert.Equal(2, summary.GetProperty("nonBots").GetInt64());
        Assert.Equal(1, summary.GetProperty("bots").GetInt64());
        Assert.Equal(Totals(before, "nonOrphanVisits", 3, 2, 1), Totals(after, "nonOrphanVisits"));
        Assert.Equal(Totals(before, "orphanVisits", 2, 1, 1), Totals(after, "orphanVisits"));
    }

    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static async Task VisitAsync(HttpClient client, string path, string userAgent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.UserAgent.ParseAdd(userAgent);
        using var response = await client.SendAsync(request);
    }

    private static async Task<JsonElement> OverviewAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rest/v3/visits").WithKey(PeerService.AdminKey);
        using var response = await client.SendAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("visits");
    }

    /// <summary>An overview's total, people and bots, plus what is added.</summary>
    private static (long Total, long NonBots, long Bots) Totals(JsonElement overview, string part, long total = 0, long nonBots = 0, long bots = 0)
    {
        var summary = overview.GetProperty(part);
        return (summary.GetProperty("total").GetInt64() + total, summary.GetProperty("nonBots").GetInt64() + nonBots, summary.GetProperty("bots").GetInt64() + bots);
    }
}
