using System.Net.Http.Json;

namespace ShortUrl.Tests.Links;

/// <summary>The contract's rules for a link's target: each rejected with a 400 naming <c>url</c>, and nothing stored.</summary>
public sealed class ValidatingTargets(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("FTP://example.com/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("JAVASCRIPT://example.com/%0Aalert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("hTTpx://example.com/")]
    public async Task SchemesOtherThanHttpAndHttpsAreRejectedInAnyLetterCase(string url) =>
        await AssertUrlRejectedAsync(new { url });

    [Theory]
    [InlineData("/relative/path")]
    [InlineData("example.com/no-scheme")]
    [InlineData("//example.com/scheme-relative")]
    [InlineData("https://")]
    [InlineData("http:///no-host")]
    public async Task RelativeSchemeRelativeAndHostlessUrlsAreRejected(string url) =>
        await AssertUrlRejectedAsync(new { url });

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task AnEmptyOrMissingUrlIsRejected(string? url) =>
        await AssertUrlRejectedAsync(new { url });

    [Fact]
    public async Task ABodyWithOnlyAnAliasIsRejectedForItsMissingUrl() =>
        await AssertUrlRejectedAsync(new { alias = "no-url-given" });

    [Fact]
    public async Task UpperCaseHttpSchemesAreAccepted()
    {
        var link = await _client.CreateLinkAsync("HTTPS://EXAMPLE.COM/Path");

        var redirect = await _client.GetAsync($"/{link.Code()}");
        Assert.Equal("https://example.com/Path", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ATargetOfExactly4096CharactersIsAccepted()
    {
        var url = UrlOfLength(4096);

        var link = await _client.CreateLinkAsync(url);

        Assert.Equal(url, link.GetProperty("url").GetString());
    }

    [Fact]
    public async Task ATargetOf4097CharactersIsRejected() =>
        await AssertUrlRejectedAsync(new { url = UrlOfLength(4097) });

    [Theory]
    [InlineData("https://user:pass@example.com/")]
    [InlineData("https://user@example.com/")]
    [InlineData("HTTP://a:b@EXAMPLE.COM/")]
    [InlineData("https://example.com@evil.example/")]
    public async Task TargetsWithUserInfoAreRejected(string url) =>
        await AssertUrlRejectedAsync(new { url });

    [Fact]
    public async Task AnAtSignInThePathIsNotUserInfo()
    {
        var link = await _client.CreateLinkAsync("https://example.com/@someone");

        Assert.Equal("https://example.com/@someone", link.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("https://example.com/a\u0000b")]
    [InlineData("https://example.com/a\nb")]
    [InlineData("https://exa\tmple.com/")]
    [InlineData("https://example.com/\u007F")]
    [InlineData("https://example.com/a\u0085b")]
    [InlineData("https://example.com/\u200B")]
    [InlineData("https://example.com/\u202Egnp.exe")]
    public async Task TargetsWithControlOrInvisibleCharactersAreRejected(string url) =>
        await AssertUrlRejectedAsync(new { url });

    [Theory]
    [InlineData("http://localhost/abc1234")]
    [InlineData("http://LOCALHOST/abc1234")]
    [InlineData("http://localhost:80/abc1234")]
    [InlineData("http://127.0.0.1/abc1234")]
    [InlineData("http://[::1]/abc1234")]
    public async Task TargetsPointingAtTheRequestsOwnHostAreRejected(string url) =>
        await AssertUrlRejectedAsync(new { url });

    [Fact]
    public async Task ATargetOnTheHostTheRequestCameInOnIsRejected()
    {
        var before = await factory.CountStoredLinksAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = JsonContent.Create(new { url = "http://sho.example/abc1234" }),
        };
        request.Headers.Host = "sho.example";

        var response = await _client.SendAsync(request);

        await ProblemAssert.IsValidationProblemAsync(response, "url");
        Assert.Equal(before, await factory.CountStoredLinksAsync());
    }

    [Fact]
    public async Task InternationalTargetsAreAcceptedAndShownAsGiven()
    {
        var link = await _client.CreateLinkAsync("https://bücher.de/päth?q=ü");

        Assert.Equal("https://bücher.de/päth?q=ü", link.GetProperty("url").GetString());
    }

    private async Task AssertUrlRejectedAsync(object body)
    {
        var before = await factory.CountStoredLinksAsync();

        var response = await _client.PostAsJsonAsync("/api/urls", body);

        await ProblemAssert.IsValidationProblemAsync(response, "url");
        Assert.Equal(before, await factory.CountStoredLinksAsync());
    }

    private static string UrlOfLength(int length)
    {
        const string prefix = "https://example.com/";
        return prefix + new string('a', length - prefix.Length);
    }
}
