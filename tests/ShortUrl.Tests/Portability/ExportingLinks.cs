using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Portability;

public sealed class ExportingLinks(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheJsonExportListsEveryLinkWithItsClicks()
    {
        await _client.CreateLinkAsync("https://example.com/exported", "exp-json");
        await _client.GetAsync("/exp-json");
        using var bot = new HttpRequestMessage(HttpMethod.Get, "/exp-json");
        bot.Headers.TryAddWithoutValidation("User-Agent", "Twitterbot/1.0");
        await _client.SendAsync(bot);
        await factory.FlushClicksAsync();

        var response = await _client.GetAsync("/api/urls/export?format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        var links = await response.Content.ReadFromJsonAsync<JsonElement>();
        var link = links.EnumerateArray().Single(l => l.GetProperty("code").GetString() == "exp-json");
        Assert.Equal("https://example.com/exported", link.GetProperty("url").GetString());
        Assert.Equal(1, link.GetProperty("clicks").GetInt64());
        Assert.Equal(1, link.GetProperty("botClicks").GetInt64());
    }

    [Fact]
    public async Task TheCsvExportImportsIntoAnotherServiceWithTheSameCodes()
    {
        await _client.CreateLinkAsync("https://example.com/a?x=1,2", "exp-a");
        await _client.CreateLinkAsync("https://example.com/b#part", "exp-b");

        var csv = await _client.GetStringAsync("/api/urls/export?format=csv");

        Assert.StartsWith("code,shortUrl,url,createdAt,clicks,botClicks", csv);
        using var other = new ShortUrlFactory();
        var otherClient = other.CreateClient();
        var imported = await otherClient.PostAsync("/api/urls/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("https://example.com/a?x=1,2", (await otherClient.GetAsync("/exp-a")).Headers.Location?.OriginalString);
        Assert.Equal("https://example.com/b#part", (await otherClient.GetAsync("/exp-b")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AProtectedLinksTargetIsExportedOnlyToAHolderOfAnApiKey()
    {
        using var keyed = ShortUrlFactory.WithSettings(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));
        var client = keyed.CreateClient();
        await client.CreateLinkAsync(new { url = "https://example.com/secret-target", alias = "exp-locked", password = "open sesame" });
        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/api/urls/export?format=json");
        withKey.Headers.Add("X-Api-Key", LinkLifecycleRequests.ApiKey);

        var anonymous = await client.GetStringAsync("/api/urls/export?format=json");
        var keyHolder = await (await client.SendAsync(withKey)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.DoesNotContain("secret-target", anonymous);
        Assert.Contains("exp-locked", anonymous);
        var link = keyHolder.EnumerateArray().Single(l => l.GetProperty("code").GetString() == "exp-locked");
        Assert.Equal("https://example.com/secret-target", link.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AnUnknownFormatIs400()
    {
        var response = await _client.GetAsync("/api/urls/export?format=xml");

        await ProblemAssert.IsValidationProblemAsync(response, "format");
    }
}
