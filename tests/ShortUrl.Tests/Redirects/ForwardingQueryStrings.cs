using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.RedirectIndex;

namespace ShortUrl.Tests.Redirects;

/// <summary>
/// A link forwards the query string it is followed with (by default): on create, edit and in details it is
/// <c>forwardQuery</c>; a link that does not forward leaves the index for the cache, and redirects without it.
/// </summary>
public sealed class ForwardingQueryStrings(ForwardingQueryStrings.Factory factory) : IClassFixture<ForwardingQueryStrings.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task ALinkForwardsItsQueryStringByDefault()
    {
        var created = await _client.CreateLinkAsync(new { url = "https://example.com/fw?a=1#top" });
        var code = created.Code();

        Assert.True(created.GetProperty("forwardQuery").GetBoolean());
        var response = await _client.GetAsync($"/{code}?utm_source=x&q=caf%C3%A9");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://example.com/fw?a=1&utm_source=x&q=caf%C3%A9#top", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WithoutAQueryStringTheTargetIsUnchanged()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/fw-none?a=1#top" })).Code();

        Assert.Equal("https://example.com/fw-none?a=1#top", (await _client.GetAsync($"/{code}")).Headers.Location!.OriginalString);
        Assert.Equal("https://example.com/fw-none?a=1#top", (await _client.GetAsync($"/{code}?")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ALinkCreatedWithoutForwardingRedirectsToItsTargetAloneAndStaysOutOfTheIndex()
    {
        var created = await _client.CreateLinkAsync(new { url = "https://example.com/fw-off", forwardQuery = false });
        var code = created.Code();

        Assert.False(created.GetProperty("forwardQuery").GetBoolean());
        Assert.Equal("https://example.com/fw-off", (await _client.GetAsync($"/{code}?utm_source=x")).Headers.Location!.OriginalString);
        Assert.False(factory.Services.GetRequiredService<LinkIndex>().TryGet(code, out _, out _));
        Assert.False((await _client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}")).GetProperty("forwardQuery").GetBoolean());
    }

    [Fact]
    public async Task AnEditTurnsForwardingOffAndOnAndTheNextRedirectFollows()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/fw-edit" })).Code();
        Assert.Equal("https://example.com/fw-edit?x=1", (await _client.GetAsync($"/{code}?x=1")).Headers.Location!.OriginalString);

        var off = await _client.PatchLinkAsync(code, """{"forwardQuery": false}""");
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("forwardQuery").GetBoolean());
        Assert.Equal("https://example.com/fw-edit", (await _client.GetAsync($"/{code}?x=1")).Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await _client.PatchLinkAsync(code, """{"forwardQuery": true}""")).StatusCode);
        Assert.Equal("https://example.com/fw-edit?x=1", (await _client.GetAsync($"/{code}?x=1")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnEditOfOtherFieldsKeepsForwardingAsItWas()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/fw-keep", forwardQuery = false })).Code();

        var edited = await _client.PatchLinkAsync(code, """{"title": "Kept off"}""");

        Assert.False((await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("forwardQuery").GetBoolean());
    }

    [Fact]
    public async Task AFormCreateTakesForwardQuery()
    {
        var response = await _client.PostAsync("/api/urls", new FormUrlEncodedContent(
            [new("url", "https://example.com/fw-form"), new("forwardQuery", "false")]));

        Assert.False((await CreateRequests.LinkAsync(response)).GetProperty("forwardQuery").GetBoolean());
    }

    [Theory]
    [InlineData("""{"url": "https://example.com/fw-bad", "forwardQuery": "maybe"}""")]
    [InlineData("""{"url": "https://example.com/fw-bad", "forwardQuery": 1}""")]
    public async Task AForwardQueryThatIsNoBooleanIsRefused(string body)
    {
        await ProblemAssert.IsValidationProblemAsync(await _client.PostRawAsync(body), "forwardQuery");
    }

    [Fact]
    public async Task AnEditWithForwardQueryNullIsRefused()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/fw-null" })).Code();

        await ProblemAssert.IsValidationProblemAsync(await _client.PatchLinkAsync(code, """{"forwardQuery": null}"""), "forwardQuery");
    }

    [Fact]
    public async Task AHeadRequestSeesTheForwardedLocationToo()
    {
        var code = (await _client.CreateLinkAsync(new { url = "https://example.com/fw-head" })).Code();

        var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{code}?ref=check"));

        Assert.Equal("https://example.com/fw-head?ref=check", response.Headers.Location!.OriginalString);
    }
}
