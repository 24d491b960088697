using ShortUrl.Redirects;
namespace ShortUrl.Tests.Redirects;

/// <summary>How a short link's query string joins its target's Location: one separator, encoded, the fragment last.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class AppendingQueryStrings
{
    [Theory]
    [InlineData("https://example.com/", "?utm_source=x", "https://example.com/?utm_source=x")]
    [InlineData("https://example.com/page?a=1", "?utm_source=x", "https://example.com/page?a=1&utm_source=x")]
    [InlineData("https://example.com/page#top", "?utm_source=x", "https://example.com/page?utm_source=x#top")]
    [InlineData("https://example.com/page?a=1#top", "?utm_source=x&b=2", "https://example.com/page?a=1&utm_source=x&b=2#top")]
    [InlineData("https://example.com/page?", "?b=2", "https://example.com/page?b=2")]
    [InlineData("https://example.com/page?a=1&", "?b=2", "https://example.com/page?a=1&b=2")]
    [InlineData("https://example.com/page?a=1", "", "https://example.com/page?a=1")]
    [InlineData("https://example.com/page?a=1", "?", "https://example.com/page?a=1")]
    [InlineData("https://example.com/page#top", "?", "https://example.com/page#top")]
    [InlineData("https://example.com/page", "?&b=2&", "https://example.com/page?b=2")]
    [InlineData("https://example.com/page", "?&&", "https://example.com/page")]
    [InlineData("https://example.com/page", "?q=caf%C3%A9&x=a%26b", "https://example.com/page?q=caf%C3%A9&x=a%26b")]
    [InlineData("https://example.com/page", "?q=café un", "https://example.com/page?q=caf%C3%A9%20un")]
    [InlineData("https://example.com/page", "?q=a#b", "https://example.com/page?q=a%23b")]
    [InlineData("https://example.com/page#frag?x", "?q=1", "https://example.com/page?q=1#frag?x")]
    [InlineData("https://example.com/page", "?emoji=\U0001F600", "https://example.com/page?emoji=%F0%9F%98%80")]
    public void TheQueryIsAppendedOnceAndBeforeTheFragment(string location, string query, string expected)
    {
        Assert.Equal(expected, QueryForwarding.Append(location, query));
    }

    [Fact]
    public void NothingToForwardLeavesTheLocationItself()
    {
        const string location = "https://example.com/page?a=1#top";

        Assert.Same(location, QueryForwarding.Append(location, null));
        Assert.Same(location, QueryForwarding.Append(location, "?"));
    }
}
