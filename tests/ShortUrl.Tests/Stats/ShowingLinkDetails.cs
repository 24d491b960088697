using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Stats;

public sealed class ShowingLinkDetails(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task DetailsShowTheLinkAsCreatedWithItsClicks()
    {
        var created = await _client.CreateLinkAsync("https://example.com/details");
        for (var i = 0; i < 3; i++)
        {
            await _client.GetAsync($"/{created.Code()}");
        }

        await factory.FlushClicksAsync();
        var response = await _client.GetAsync($"/api/urls/{created.Code()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, details.GetProperty("clicks").GetInt64());
        foreach (var field in new[] { "code", "shortUrl", "url", "createdAt" })
        {
            Assert.Equal(created.GetProperty(field).ToString(), details.GetProperty(field).ToString());
        }
    }

    [Theory]
    [InlineData("NoSuch1")]
    [InlineData("not.a.code")]
    public async Task DetailsOfAnUnknownCodeAre404Problem(string code)
    {
        var response = await _client.GetAsync($"/api/urls/{code}");

        await ProblemAssert.IsProblemAsync(response, 404);
    }

    [Fact]
    public async Task CodesAreCaseSensitiveInDetails()
    {
        await _client.CreateLinkAsync("https://example.com/case", "lower-case-only");

        var response = await _client.GetAsync("/api/urls/LOWER-CASE-ONLY");

        await ProblemAssert.IsProblemAsync(response, 404);
    }
}
