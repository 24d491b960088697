using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Links;

public sealed class ListingRecentLinks(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheNewestLinksComeFirst()
    {
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await _client.CreateLinkAsync($"https://example.com/order/{i}")).Code());
        }

        var recent = await RecentAsync("?limit=3");

        codes.Reverse();
        Assert.Equal(codes, recent.Select(link => link.Code()));
    }

    [Fact]
    public async Task EachLinkInTheListHasEveryFieldOfTheLinkJson()
    {
        var created = await _client.CreateLinkAsync("https://example.com/fields");

        var newest = (await RecentAsync("?limit=1")).Single();

        Assert.Equal(created.ToString(), newest.ToString());
    }

    [Fact]
    public async Task WithoutALimitTheNewestTwentyAreReturned()
    {
        await CreateLinksAsync(21);

        var recent = await RecentAsync("");

        Assert.Equal(20, recent.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task LimitsFromOneToAHundredReturnThatManyLinks(int limit)
    {
        await CreateLinksAsync(limit + 1);

        var recent = await RecentAsync($"?limit={limit}");

        Assert.Equal(limit, recent.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("1e2")]
    [InlineData("99999999999")]
    [InlineData("")]
    public async Task ALimitOutsideOneToAHundredOrNotAWholeNumberReturns400NamingLimit(string limit)
    {
        var response = await _client.GetAsync($"/api/urls/recent?limit={limit}");

        await ProblemAssert.IsValidationProblemAsync(response, "limit");
    }

    private async Task<List<JsonElement>> RecentAsync(string query) =>
        (await _client.GetFromJsonAsync<List<JsonElement>>($"/api/urls/recent{query}"))!;

    private async Task CreateLinksAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _client.CreateLinkAsync($"https://example.com/many/{i}");
        }
    }
}
