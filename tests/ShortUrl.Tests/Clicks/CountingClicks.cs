using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShortUrl.Clicks;
namespace ShortUrl.Tests.Clicks;

/// <summary>Clicks are counted off the request path, and exactly: none lost, none doubled, none left behind at a stop.</summary>
public sealed class CountingClicks
{
    [Fact]
    public async Task ConcurrentRedirectsOfSeveralLinksAreCountedExactly()
    {
        using var factory = new ShortUrlFactory();
        var client = factory.CreateClient();
        string[] aliases = ["busy-a", "busy-b", "busy-c"];
        foreach (var alias in aliases)
        {
            await client.CreateLinkAsync($"https://example.com/{alias}", alias);
        }

        // Several flushes while the redirects run, so that counts are taken while others are being added.
        var redirects = Enumerable.Range(0, 600).Select(i => client.GetAsync("/" + aliases[i % 3])).ToList();
        var flushes = Enumerable.Range(0, 5).Select(_ => factory.FlushClicksAsync()).ToList();
        var responses = await Task.WhenAll(redirects);
        await Task.WhenAll(flushes);
        await factory.FlushClicksAsync();

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Found, response.StatusCode));
        foreach (var alias in aliases)
        {
            Assert.Equal(200, await client.ClicksAsync(alias));
        }
    }

    [Fact]
    public async Task StoppingTheServiceWritesTheClicksStillQueued()
    {
        // An hour between writes: every click below is still in memory when the host stops.
        using var factory = ShortUrlFactory.WithSettings(("ShortUrl:ClickWriteIntervalMilliseconds", "3600000"));
        var client = factory.CreateClient();
        await client.CreateLinkAsync("https://example.com/at-stop", "at-stop");
        for (var i = 0; i < 25; i++)
        {
            await client.GetAsync("/at-stop");
        }

        Assert.Equal(0, await ClicksInDatabaseAsync(factory, "at-stop"));
        await factory.Services.GetRequiredService<IHost>().StopAsync(TestContext.Timeout);

        Assert.Equal(25, await ClicksInDatabaseAsync(factory, "at-stop"));
    }

    [Theory]
    [InlineData(5, 50, 50)]
    [InlineData(0, 50, 50)]
    [InlineData(10, 50, 80)]
    [InlineData(300, 50, 2400)]
    [InlineData(900, 50, 3000)]
    [InlineData(100, 5000, 5000)]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void AfterASlowWriteTheWriterRestsEightTimesAsLongUpToThreeSecondsButNeverLessThanTheInterval(int tookMs, int intervalMs, int restMs) =>
        Assert.Equal(
            TimeSpan.FromMilliseconds(restMs),
            ClickWriter.RestAfter(TimeSpan.FromMilliseconds(tookMs), TimeSpan.FromMilliseconds(intervalMs)));

    [Theory]
    [InlineData(false, 100, 3000, 10, false)]
    [InlineData(false, 3000, 3000, 10, true)]
    [InlineData(true, 100, 3000, 10, true)]
    [InlineData(false, 100, 3000, ClickWriter.MaxPendingVisits - 1, false)]
    [InlineData(false, 100, 3000, ClickWriter.MaxPendingVisits, true)]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void AWriterRestingWritesOnlyForAFlushTheEndOfItsRestOrTooManyVisitsWaiting(
        bool flushRequested, int sinceLastWriteMs, int restMs, int pendingVisits, bool writes) =>
        Assert.Equal(writes, ClickWriter.WritesNow(
            flushRequested, TimeSpan.FromMilliseconds(sinceLastWriteMs), TimeSpan.FromMilliseconds(restMs), pendingVisits));

    /// <summary>Straight from the database, through a store of the test's own: what a restarted service would see.</summary>
    private static async Task<long> ClicksInDatabaseAsync(ShortUrlFactory factory, string code)
    {
        var store = factory.OpenStore();
        using (store)
        {
            var link = await store.Links.FindAsync(code, TestContext.Timeout);
            return link!.Clicks;
        }
    }
}
