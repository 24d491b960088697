using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Portability;

/// <summary>Export and import carry a link's title and tags: in JSON as fields, in CSV as columns (tags joined with '|').</summary>
public sealed class CarryingTitlesAndTags(CarryingTitlesAndTags.Factory factory) : IClassFixture<CarryingTitlesAndTags.Factory>
{
    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task TheJsonExportHasEachLinksTitleAndTags()
    {
        await _client.CreateLinkAsync(new { url = "https://example.com/json-labels", alias = "lab-json", title = "A, \"quoted\" title", tags = new[] { "b", "a" } });
        await _client.CreateLinkAsync(new { url = "https://example.com/json-bare", alias = "lab-bare" });

        var links = (await _client.GetFromJsonAsync<JsonElement>("/api/urls/export?format=json")).EnumerateArray().ToList();

        var labelled = links.Single(l => l.GetProperty("code").GetString() == "lab-json");
        Assert.Equal("A, \"quoted\" title", labelled.GetProperty("title").GetString());
        Assert.Equal(["b", "a"], labelled.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var bare = links.Single(l => l.GetProperty("code").GetString() == "lab-bare");
        Assert.Equal(JsonValueKind.Null, bare.GetProperty("title").ValueKind);
        Assert.Empty(bare.GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task TheCsvExportRoundTripsTitlesAndTagsIntoAnotherService()
    {
        await _client.CreateLinkAsync(new { url = "https://example.com/csv-labels", alias = "lab-csv", title = "Commas, \"quotes\" and all", tags = new[] { "two words", "x" } });

        var csv = await _client.GetStringAsync("/api/urls/export?format=csv");

        Assert.StartsWith("code,shortUrl,url,createdAt,clicks,botClicks,expiresAt,maxClicks,hasPassword,title,tags", csv);
        Assert.Contains("two words|x", csv);
        using var other = new Factory();
        var otherClient = other.CreateClient().WithKey(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.PostAsync("/api/urls/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
        var imported = await otherClient.GetFromJsonAsync<JsonElement>("/api/urls/lab-csv");
        Assert.Equal("Commas, \"quotes\" and all", imported.GetProperty("title").GetString());
        Assert.Equal(["two words", "x"], imported.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task AJsonImportTakesTitlesAndTags()
    {
        var report = await _client.ImportAsync(
            """[{"url": "https://example.com/imported-labels", "alias": "lab-imp", "title": "Imported", "tags": ["Imported", "json"]}]""",
            "application/json");

        Assert.Equal(1, report.GetProperty("created").GetInt32());
        var link = await _client.GetFromJsonAsync<JsonElement>("/api/urls/lab-imp");
        Assert.Equal("Imported", link.GetProperty("title").GetString());
        Assert.Equal(["imported", "json"], link.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task ACsvImportTakesTagsSeparatedByBarsOrCommas()
    {
        await _client.ImportAsync("url,alias,title,tags\nhttps://example.com/csv-a,lab-bars,Bars,one|two\nhttps://example.com/csv-b,lab-commas,,\"three, four\"\n", "text/csv");

        var bars = await _client.GetFromJsonAsync<JsonElement>("/api/urls/lab-bars");
        var commas = await _client.GetFromJsonAsync<JsonElement>("/api/urls/lab-commas");
        Assert.Equal(["one", "two"], bars.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Bars", bars.GetProperty("title").GetString());
        Assert.Equal(["three", "four"], commas.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Null, commas.GetProperty("title").ValueKind);
    }

    [Fact]
    public async Task ARowWithABadTagIsRejectedNamingTags()
    {
        var report = await _client.ImportAsync("""[{"url": "https://example.com/bad-tag-row", "tags": ["not/a/tag"]}]""", "application/json");

        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.Contains("tags", report.Row(1).ToString());
    }
}
