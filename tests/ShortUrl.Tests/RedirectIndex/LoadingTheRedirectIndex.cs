using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShortUrl.Hosting;
using ShortUrl.RedirectIndex;
using ShortUrl.Storage;

namespace ShortUrl.Tests.RedirectIndex;

/// <summary>
/// The redirect index loads the links a database already holds, page by page, and then answers their redirects from
/// memory; edits and deletes still reach the next redirect.
/// </summary>
public sealed class LoadingTheRedirectIndex(LoadingTheRedirectIndex.Factory factory) : IClassFixture<LoadingTheRedirectIndex.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly LinkIndex _index = factory.Services.GetRequiredService<LinkIndex>();

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task EveryPlainLinkInTheDatabaseIsLoadedAcrossPages()
    {
        // More than one page of the loader's, written behind the service's back as an earlier run would have.
        var links = await WriteBehindTheServiceAsync(10_050);
        var guarded = await WriteBehindTheServiceAsync("g", new LinkRules(null, 5, null));
        var longAlias = await WriteBehindTheServiceAsync("an-alias-too-long-to-pack", LinkRules.None);

        await ReloadUntilHeldAsync(links);

        Assert.All(links, link =>
        {
            Assert.True(_index.TryGet(link.Code, out var linkId, out var location), link.Code);
            Assert.Equal(link.Id, linkId);
            Assert.Equal(link.Url, location);
        });
        Assert.False(_index.TryGet(guarded.Code, out _, out _));
        Assert.False(_index.TryGet(longAlias.Code, out _, out _));
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{longAlias.Code}")).StatusCode);
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void TenMillionLinksFitTheIndexAsTheServiceShips()
    {
        // Visits to links beyond the index read the database: spread over ten million links with a smaller index, most
        // of them would, at a fraction of the rate (bench/run.sh --scale).
        var options = factory.Services.GetRequiredService<IOptions<ShortUrlOptions>>().Value;

        Assert.True(options.LinkIndexSize >= 10_000_000, $"ShortUrl:LinkIndexSize is {options.LinkIndexSize}");
    }

    [Fact]
    // On PostgreSQL the store announces every delete to the service (NOTIFY), so nothing happens behind its back.
    [Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
    public async Task ALoadedLinkIsAnsweredFromMemory()
    {
        var link = (await WriteBehindTheServiceAsync(1))[0];
        await ReloadUntilHeldAsync([link]);

        // Deleted behind the service's back (no service would do this to its own database): only memory still knows it.
        using (var store = factory.OpenStore())
        {
            Assert.True(await store.Links.DeleteAsync(link.Code, TestContext.Timeout));
        }

        var response = await _client.GetAsync($"/{link.Code}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(link.Url, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnEditOfALoadedLinkReachesTheNextRedirect()
    {
        var link = (await WriteBehindTheServiceAsync(1))[0];
        await ReloadUntilHeldAsync([link]);
        Assert.Equal(link.Url, (await _client.GetAsync($"/{link.Code}")).Headers.Location?.OriginalString);

        var edited = await _client.PatchLinkAsync(link.Code, """{"url": "https://example.com/edited-after-load"}""");

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("https://example.com/edited-after-load", (await _client.GetAsync($"/{link.Code}")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ADeleteOfALoadedLinkReachesTheNextRedirect()
    {
        var link = (await WriteBehindTheServiceAsync(1))[0];
        await ReloadUntilHeldAsync([link]);

        var deleted = await _client.DeleteLinkAsync(link.Code);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/{link.Code}")).StatusCode);
        Assert.False(_index.TryGet(link.Code, out _, out _));
    }

    [Fact]
    public async Task ALinkGivenRulesAfterItWasLoadedIsGuardedOnItsNextRedirect()
    {
        var link = (await WriteBehindTheServiceAsync(1))[0];
        await ReloadUntilHeldAsync([link]);

        await _client.PatchLinkAsync(link.Code, """{"password": "guarded now"}""");

        await ProblemAssert.IsProblemAsync(await _client.GetAsync($"/{link.Code}"), 403);
        Assert.False(_index.TryGet(link.Code, out _, out _));
    }

    private async Task<IReadOnlyList<Link>> WriteBehindTheServiceAsync(int count)
    {
        var wanted = Enumerable.Range(0, count).Select(i => new ImportedLink(null, $"https://example.com/loaded/{Guid.NewGuid():N}/{i}", LinkRules.None)).ToList();
        using var store = factory.OpenStore();
        var links = await store.Portability.ImportAsync(
            wanted, () => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 9), DateTime.UtcNow, null, TestContext.Timeout);
        return links.Select(link => link!).ToList();
    }

    private async Task<Link> WriteBehindTheServiceAsync(string alias, LinkRules rules)
    {
        using var store = factory.OpenStore();
        var code = $"{alias}{RandomNumberGenerator.GetHexString(4)}";
        return (await store.Links.TryCreateAsync(code[..Math.Min(code.Length, 64)], "https://example.com/behind", DateTime.UtcNow, rules, null, LinkLabels.None, TestContext.Timeout))!;
    }

    /// <summary>Clears the index, as a restart would leave it, and waits for the loader to hold every one of <paramref name="links"/>.</summary>
    private async Task ReloadUntilHeldAsync(IReadOnlyList<Link> links)
    {
        _index.Clear();
        var timeout = TestContext.Timeout;
        while (!links.All(link => _index.TryGet(link.Code, out _, out _)))
        {
            await Task.Delay(20, timeout);
        }
    }
}
