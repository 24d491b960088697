using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Portability;

public sealed class ExportingLinks(ExportingLinks.Factory factory) : IClassFixture<ExportingLinks.Factory>
{
    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

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
        using var other = new Factory();
        var otherClient = await ImportIntoAsync(other, csv, "text/csv");
        Assert.Equal("https://example.com/a?x=1,2", (await otherClient.GetAsync("/exp-a")).Headers.Location?.OriginalString);
        Assert.Equal("https://example.com/b#part", (await otherClient.GetAsync("/exp-b")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheJsonExportImportsIntoAnotherServiceWithTheSameCodes()
    {
        await _client.CreateLinkAsync(new { url = "https://example.com/json-a", alias = "exp-json-a", title = "A", tags = new[] { "moved" } });
        await _client.CreateLinkAsync("https://example.com/json-b", "exp-json-b");

        var json = await _client.GetStringAsync("/api/urls/export?format=json");

        using var other = new Factory();
        var otherClient = await ImportIntoAsync(other, json, "application/json");
        Assert.Equal("https://example.com/json-a", (await otherClient.GetAsync("/exp-json-a")).Headers.Location?.OriginalString);
        Assert.Equal("https://example.com/json-b", (await otherClient.GetAsync("/exp-json-b")).Headers.Location?.OriginalString);
        var link = await otherClient.GetFromJsonAsync<JsonElement>("/api/urls/exp-json-a");
        Assert.Equal(("A", "moved"), (link.GetProperty("title").GetString(), link.GetProperty("tags")[0].GetString()));
    }

    [Fact]
    public async Task AnAliasInAJsonRowWinsOverItsCode()
    {
        var imported = await _client.PostAsync("/api/urls/import", new StringContent(
            """[{"url": "https://example.com/both", "code": "exp-code", "alias": "exp-alias"}]""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync("/exp-alias")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/exp-code")).StatusCode);
    }

    [Fact]
    public async Task ARowWithANameThatIsHalfASurrogatePairIsRejectedAndTheOthersImported()
    {
        var imported = await _client.PostAsync("/api/urls/import", new StringContent(
            """[{"\ud800": 1, "url": "https://example.com/broken", "code": "exp-broken"}, {"url": "https://example.com/fine", "code": "exp-fine"}]""",
            Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var rows = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
        Assert.Equal(["rejected", "created"], rows.EnumerateArray().Select(row => row.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/exp-broken")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync("/exp-fine")).StatusCode);
    }

    [Fact]
    public async Task WithoutAKeyTheExportIs401AndLeaksNothing()
    {
        await _client.CreateLinkAsync(new { url = "https://example.com/secret-target", alias = "exp-locked", password = "open sesame" });

        var anonymous = await factory.CreateClient().GetAsync("/api/urls/export?format=csv");

        await ProblemAssert.IsProblemAsync(anonymous, 401);
        Assert.DoesNotContain("exp-locked", await anonymous.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AKeyHolderSeesTheTargetOfAProtectedLinkItManages()
    {
        await _client.CreateLinkAsync(new { url = "https://example.com/secret-target", alias = "exp-mine", password = "open sesame" });

        var exported = await _client.GetFromJsonAsync<JsonElement>("/api/urls/export?format=json");

        var link = exported.EnumerateArray().Single(l => l.GetProperty("code").GetString() == "exp-mine");
        Assert.Equal("https://example.com/secret-target", link.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AnUnknownFormatIs400()
    {
        var response = await _client.GetAsync("/api/urls/export?format=xml");

        await ProblemAssert.IsValidationProblemAsync(response, "format");
    }

    /// <summary>Imports an export into another service; its client, with the admin key.</summary>
    private static async Task<HttpClient> ImportIntoAsync(Factory other, string export, string mediaType)
    {
        var client = other.CreateClient().WithKey(TestKeys.Admin);
        var imported = await client.PostAsync("/api/urls/import", new StringContent(export, Encoding.UTF8, mediaType));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        return client;
    }
}
