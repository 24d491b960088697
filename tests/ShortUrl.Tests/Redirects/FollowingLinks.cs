using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Redirects;

public sealed class FollowingLinks(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GetRedirectsWith302ToExactlyTheTarget()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/path?q=1&r=two#part")).Code();

        var response = await _client.GetAsync($"/{code}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://example.com/path?q=1&r=two#part", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task HeadRedirectsLikeGetAndEveryGetCountsExactlyOneClickWhileHeadsCountNone()
    {
        var code = (await _client.CreateLinkAsync("https://example.com/counted")).Code();

        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{code}"));
        var gets = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => _client.GetAsync($"/{code}")));
        for (var i = 0; i < 3; i++)
        {
            await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{code}"));
        }

        Assert.Equal(HttpStatusCode.Found, head.StatusCode);
        Assert.Equal("https://example.com/counted", head.Headers.Location?.OriginalString);
        Assert.All(gets, get => Assert.Equal(HttpStatusCode.Found, get.StatusCode));
        await factory.FlushClicksAsync();
        Assert.Equal(25, await _client.ClicksAsync(code));
    }

    [Fact]
    public async Task AnUnknownCodeIs404ProblemJsonByDefault()
    {
        var response = await _client.GetAsync("/NoSuch1");

        var problem = await ProblemAssert.IsProblemAsync(response, 404);
        Assert.Contains("NoSuch1", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUnknownCodeIs404ProblemJsonWhenJsonIsAskedFor()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/NoSuch2");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var response = await _client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, 404);
    }

    [Theory]
    [InlineData("application/json, text/html", "application/problem+json")]
    [InlineData("text/html;q=0.5, application/json", "application/problem+json")]
    [InlineData("text/html;q=0", "application/problem+json")]
    [InlineData("*/*", "application/problem+json")]
    [InlineData("application/json;q=0.5, text/html", "text/html")]
    [InlineData("application/xhtml+xml", "text/html")]
    public async Task AnUnknownCodeAnswersWithTheHighestQualityNamedTypeAndTiesGoToJson(string accept, string mediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/NoSuch4");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownCodeIsAn404HtmlPageForBrowsers()
    {
        var response = await _client.GetAsBrowserAsync("/NoSuch3");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<!doctype html>", page);
        Assert.Contains("/NoSuch3", page);
    }

    [Fact]
    public async Task CodesAreCaseSensitiveInRedirects()
    {
        await _client.CreateLinkAsync("https://example.com/case", "only-lower");

        var response = await _client.GetAsync("/ONLY-LOWER");

        await ProblemAssert.IsProblemAsync(response, 404);
    }

    [Fact]
    public async Task AnInternationalTargetRedirectsWithAnAsciiLocation()
    {
        var code = (await _client.CreateLinkAsync("https://bücher.de/päth?q=ü")).Code();

        var response = await _client.GetAsync($"/{code}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        // The header exactly as sent: HttpClient's parsed Uri would show it unescaped.
        var location = response.Headers.NonValidated["Location"].ToString();
        Assert.Equal("https://xn--bcher-kva.de/p%C3%A4th?q=%C3%BC", location);
        Assert.True(location.All(char.IsAscii));
    }
}
