using ShortUrl.Links;
namespace ShortUrl.Tests.Redirects;

/// <summary>The Location a redirect sends: plain URLs skip parsing, and must come out exactly as parsing would make them.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class BuildingRedirectLocations
{
    [Theory]
    [InlineData("https://example.com/")]
    [InlineData("https://example.com/articles/0000042/a-page-worth-sharing?utm_source=bench")]
    [InlineData("http://example.com/a/b?x=1&y=2#part")]
    [InlineData("https://sub.example-site.co.uk/path;p=1/it's(ok)*+,=:@!$~_.-")]
    [InlineData("https://example.com")]
    [InlineData("https://EXAMPLE.com/Upper")]
    [InlineData("HTTPS://example.com/scheme")]
    [InlineData("https://example.com:443/default-port")]
    [InlineData("http://example.com:8080/other-port")]
    [InlineData("https://example.com/a/./b/../c")]
    [InlineData("https://example.com/.well-known/thing")]
    [InlineData("https://example.com/space here")]
    [InlineData("https://example.com/%7e/percent%2F")]
    [InlineData("https://example.com/a#b#c")]
    [InlineData("https://example.com/pipe|brace{}")]
    [InlineData("https://bücher.example/straße?q=ü")]
    [InlineData("https://xn--bcher-kva.example/")]
    [InlineData("http://127.0.0.1/ip")]
    [InlineData("http://0x7f.1/hex-ip")]
    [InlineData("http://0x7f000001/hex-ip")]
    [InlineData("http://1.2.3.4/dotted")]
    [InlineData("http://localhost/single-label")]
    [InlineData("http://[::1]:8080/v6")]
    [InlineData("https://example.com./trailing-dot")]
    [InlineData("https://example.com/back\\slash")]
    public void TheLocationIsWhatParsingTheUrlGives(string url)
    {
        Assert.Equal(TargetUrl.ToLocation(new Uri(url, UriKind.Absolute)), TargetUrl.ToLocation(url));
    }
}
