using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Portability;

/// <summary>Export and import carry forwardQuery and redirect rules: in JSON as fields, in CSV as columns (rules as a JSON array).</summary>
public sealed class CarryingForwardingAndRules(CarryingForwardingAndRules.Factory factory) : IClassFixture<CarryingForwardingAndRules.Factory>
{
    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task TheCsvExportRoundTripsForwardingAndRulesIntoAnotherService()
    {
        await _client.CreateLinkAsync(new
        {
            url = "https://example.com/csv-rules", alias = "rules-csv", forwardQuery = false,
            rules = new[] { new { url = "https://example.com/csv-ios", conditions = new[] { new { type = "device", value = "ios" } } } },
        });

        var csv = await _client.GetStringAsync("/api/urls/export?format=csv");

        Assert.StartsWith("code,shortUrl,url,createdAt,clicks,botClicks,expiresAt,maxClicks,hasPassword,title,tags,forwardQuery,rules", csv);
        using var other = new Factory();
        var otherClient = other.CreateClient().WithKey(TestKeys.Admin);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.PostAsync("/api/urls/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
        var imported = await otherClient.GetFromJsonAsync<JsonElement>("/api/urls/rules-csv");
        Assert.False(imported.GetProperty("forwardQuery").GetBoolean());
        Assert.Equal("https://example.com/csv-ios", imported.GetProperty("rules")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task AnImportRowWithBadRulesIsRefused()
    {
        var response = await _client.PostImportAsync(
            """[{"url": "https://example.com/bad-rules", "alias": "bad-rules", "rules": [{"url": "https://example.com/x", "conditions": [{"type": "moon", "value": "full"}]}]}]""",
            "application/json");

        Assert.Contains("moon", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/urls/bad-rules")).StatusCode);
    }
}
