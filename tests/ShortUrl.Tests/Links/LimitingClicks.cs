using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Links;

/// <summary>Links with <c>maxClicks</c>: exactly that many GETs redirect, then 410 Gone.</summary>
public sealed class LimitingClicks(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ALinkRedirectsItsMaxClicksTimesAndThenAnswers410()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/twice", maxClicks = 2 })).Code();

        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await _client.GetAsync($"/{code}")).StatusCode);
        var third = await _client.GetAsync($"/{code}");

        var problem = await ProblemAssert.IsProblemAsync(third, 410);
        Assert.Contains("limit of 2 clicks", problem.GetProperty("detail").GetString());
        await factory.FlushClicksAsync();
        Assert.Equal(2, await _client.ClicksAsync(code));
    }

    [Fact]
    public async Task ManyClicksAtOnceGetExactlyMaxClicksRedirects()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/race", maxClicks = 5 })).Code();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _client.GetAsync($"/{code}")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Found));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.Gone));
        await factory.FlushClicksAsync();
        Assert.Equal(5, await _client.ClicksAsync(code));
    }

    [Fact]
    public async Task HeadLooksWithoutUsingAClick()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/head", maxClicks = 1 })).Code();

        var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{code}"));
        var get = await _client.GetAsync($"/{code}");
        var headAfter = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{code}"));

        Assert.Equal(HttpStatusCode.Found, head.StatusCode);
        Assert.Equal(HttpStatusCode.Found, get.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, headAfter.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task AMaxClicksBelowOneIsRejected(string maxClicks)
    {
        var response = await _client.PostRawAsync($$"""{"url": "https://example.com/none", "maxClicks": {{maxClicks}}}""");

        await ProblemAssert.IsValidationProblemAsync(response, "maxClicks");
    }

    [Theory]
    [InlineData("\"many\"")]
    [InlineData("1.5")]
    public async Task AMaxClicksThatIsNotAWholeNumberIsRejectedNamingTheField(string maxClicks)
    {
        var response = await _client.PostRawAsync($$"""{"url": "https://example.com/none", "maxClicks": {{maxClicks}}}""");

        var problem = await ProblemAssert.IsValidationProblemAsync(response, "maxClicks");
        Assert.Contains("whole number", problem.GetProperty("detail").GetString());
    }
}
