using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShortUrl.Hosting;
using ShortUrl.RedirectIndex;
namespace ShortUrl.Tests.RedirectIndex;

/// <summary>The redirect cache on its own (with a clock the test moves), and kept in step with creates.</summary>
public sealed class CachingRedirects
{
    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void ALinkSetIsFoundWithItsTarget()
    {
        var cache = NewCache(capacity: 10, new ManualTime());
        var target = new RedirectTarget(7, "https://example.com/seven");

        cache.Set("seven77", target);

        Assert.Equal(LinkCache.Lookup.Found, cache.TryGet("seven77", out var found));
        Assert.Same(target, found);
        Assert.Equal(LinkCache.Lookup.Unknown, cache.TryGet("Seven77", out _));
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void AnUnknownCodeIsRememberedAsMissingForTheMissLifetimeOnly()
    {
        var time = new ManualTime();
        var cache = NewCache(capacity: 10, time);

        cache.SetMissing("nothere");

        Assert.Equal(LinkCache.Lookup.Missing, cache.TryGet("nothere", out _));
        time.Advance(LinkCache.MissLifetime - TimeSpan.FromMilliseconds(1));
        Assert.Equal(LinkCache.Lookup.Missing, cache.TryGet("nothere", out _));
        time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(LinkCache.Lookup.Unknown, cache.TryGet("nothere", out _));
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void AFloodOfUnknownCodesNeverOutgrowsTheMissBound()
    {
        var cache = NewCache(capacity: 100, new ManualTime());

        for (var i = 0; i < 10 * cache.MissCapacity; i++)
        {
            cache.SetMissing($"guess{i}");
            Assert.InRange(cache.MissCount, 1, cache.MissCapacity);
        }
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void AFullCacheEvictsToStayWithinItsSize()
    {
        var cache = NewCache(capacity: 100, new ManualTime());

        for (var i = 0; i < 1000; i++)
        {
            // Twice: a full cache admits a link on its second visit.
            cache.Set($"code{i}", new RedirectTarget(i, $"https://example.com/{i}"));
            cache.Set($"code{i}", new RedirectTarget(i, $"https://example.com/{i}"));
            Assert.InRange(cache.Count, 1, 100);
        }

        Assert.Equal(LinkCache.Lookup.Found, cache.TryGet("code999", out var newest));
        Assert.Equal(999, newest!.LinkId);
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void AFullCacheAdmitsANewLinkOnItsSecondVisitOnly()
    {
        var cache = NewCache(capacity: 10, new ManualTime());
        for (var i = 0; i < 10; i++)
        {
            cache.Set($"old{i}", new RedirectTarget(i, "https://example.com/old"));
        }

        cache.Set("newcomer", new RedirectTarget(100, "https://example.com/new"));
        var afterOneVisit = cache.TryGet("newcomer", out _);
        cache.Set("newcomer", new RedirectTarget(100, "https://example.com/new"));
        var afterTwoVisits = cache.TryGet("newcomer", out _);

        Assert.Equal(LinkCache.Lookup.Unknown, afterOneVisit);
        Assert.Equal(LinkCache.Lookup.Found, afterTwoVisits);
        Assert.InRange(cache.Count, 1, 10);
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void ConcurrentSetsOfTheSameCodesKeepTheCountWithinTheSize()
    {
        var cache = NewCache(capacity: 50, new ManualTime());

        Parallel.For(0, 20_000, i => cache.Set($"code{i % 200}", new RedirectTarget(i, "https://example.com/")));

        Assert.InRange(cache.Count, 1, 50);
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Once)]
    public void AKnownLinkStopsBeingRememberedAsMissing()
    {
        var cache = NewCache(capacity: 10, new ManualTime());
        cache.SetMissing("later01");

        cache.Set("later01", new RedirectTarget(1, "https://example.com/later"));

        Assert.Equal(LinkCache.Lookup.Found, cache.TryGet("later01", out _));
        Assert.Equal(0, cache.MissCount);
    }

    [Fact]
    public async Task CreatingALinkForgetsThatItsCodeWasUnknown()
    {
        using var factory = new ShortUrlFactory();
        var client = factory.CreateClient();

        var before = await client.GetAsync("/not-yet");
        var created = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/now", alias = "not-yet" });
        var after = await client.GetAsync("/not-yet");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.Equal("https://example.com/now", after.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RepeatedRedirectsOfAnUnknownCodeAreAnsweredFromMemory()
    {
        // A stopped clock: a miss is remembered for seconds, and a slow machine must not let them run out mid-test.
        using var factory = new ShortUrlFactory();
        using var app = factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<TimeProvider>(new ManualTime())));
        var client = app.CreateClient();
        var cache = app.Services.GetRequiredService<LinkCache>();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scanned")).StatusCode);
        }

        Assert.Equal(LinkCache.Lookup.Missing, cache.TryGet("scanned", out _));
    }

    [Fact]
    public async Task ACacheOfSizeZeroStillRedirectsAndRemembersNothing()
    {
        using var factory = ShortUrlFactory.WithSettings(("ShortUrl:CacheSize", "0"));
        var client = factory.CreateClient();
        // A link with a rule: plain links live in the index, and only the others (and misses) go through the cache.
        await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/uncached", alias = "uncached", maxClicks = 100 });

        var first = await client.GetAsync("/uncached");
        var second = await client.GetAsync("/uncached");
        var missing = await client.GetAsync("/never-made");

        Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        Assert.Equal(HttpStatusCode.Found, second.StatusCode);
        Assert.Equal("https://example.com/uncached", second.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var cache = factory.Services.GetRequiredService<LinkCache>();
        Assert.Equal(0, cache.Count);
        Assert.Equal(0, cache.MissCount);
    }

    private static LinkCache NewCache(int capacity, TimeProvider time) =>
        new(Options.Create(new ShortUrlOptions { CacheSize = capacity }), time, new LinkIndex(0));

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _timestamp = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _timestamp;

        public void Advance(TimeSpan by) => _timestamp += by.Ticks;
    }
}
