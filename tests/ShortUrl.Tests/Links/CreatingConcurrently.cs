using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Storage;
namespace ShortUrl.Tests.Links;

/// <summary>Concurrent creates share transactions (group commit); each still gets its own, correct answer.</summary>
public sealed class CreatingConcurrently(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ManyConcurrentCreatesAllSucceedWithDistinctCodesAndTheirOwnTargets()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            _client.PostAsJsonAsync("/api/urls", new { url = $"https://example.com/many/{i}" })));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        var links = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        var codes = links.Select(link => link.GetProperty("code").GetString()!).ToList();
        Assert.Equal(200, codes.Distinct().Count());
        for (var i = 0; i < links.Length; i++)
        {
            var redirect = await _client.GetAsync("/" + codes[i]);
            Assert.Equal(links[i].GetProperty("url").GetString(), redirect.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneAliasHaveExactlyOneWinnerAndTheRestGet409()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            _client.PostAsJsonAsync("/api/urls", new { url = $"https://example.com/contested/{i}", alias = "contested" })));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.Single(winners);
        foreach (var loser in responses.Except(winners))
        {
            await ProblemAssert.IsProblemAsync(loser, 409);
        }

        var winner = await winners[0].Content.ReadFromJsonAsync<JsonElement>();
        var redirect = await _client.GetAsync("/contested");
        Assert.Equal(winner.GetProperty("url").GetString(), redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheStoreInsertsATakenCodeForNoOneElse()
    {
        var store = factory.Services.GetRequiredService<ILinkStore>();
        var now = DateTime.UtcNow;

        var inserted = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            store.TryCreateAsync("sameCode", $"https://example.com/same/{i}", now, LinkRules.None, null, LinkLabels.None, TestContext.Timeout)));

        var link = Assert.Single(inserted, l => l is not null);
        Assert.Equal("sameCode", link!.Code);
        Assert.Equal(link.Url, (await store.FindAsync("sameCode", TestContext.Timeout))!.Url);
    }
}
