using Microsoft.Extensions.Options;
using ShortUrl.Hosting;
using ShortUrl.RedirectIndex;
namespace ShortUrl.Tests.RedirectIndex;

/// <summary>The cache never keeps a link that an edit or delete has made old, even when a load was in flight.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class InvalidatingTheRedirectCache
{
    private readonly LinkCache _cache = new(Options.Create(new ShortUrlOptions()), TimeProvider.System, new LinkIndex(1000));

    [Fact]
    public void ALoadThatReadTheStoreBeforeAnEditDoesNotCacheWhatItRead()
    {
        var removalsBeforeRead = _cache.RemovalsSoFar;
        _cache.Invalidate("edited");

        _cache.Set("edited", new RedirectTarget(1, "https://example.com/old"), removalsBeforeRead);

        Assert.Equal(LinkCache.Lookup.Unknown, _cache.TryGet("edited", out _));
    }

    [Fact]
    public void ALoadWithNoEditMeanwhileIsCached()
    {
        var removalsBeforeRead = _cache.RemovalsSoFar;

        _cache.Set("steady", new RedirectTarget(2, "https://example.com/steady"), removalsBeforeRead);

        Assert.Equal(LinkCache.Lookup.Found, _cache.TryGet("steady", out var target));
        Assert.Equal("https://example.com/steady", target!.Location);
    }

    [Fact]
    public void InvalidatingAllForgetsEveryLink()
    {
        _cache.Set("one", new RedirectTarget(3, "https://example.com/1"));
        _cache.Set("two", new RedirectTarget(4, "https://example.com/2"));

        _cache.InvalidateAll();

        Assert.Equal(LinkCache.Lookup.Unknown, _cache.TryGet("one", out _));
        Assert.Equal(LinkCache.Lookup.Unknown, _cache.TryGet("two", out _));
    }
}
