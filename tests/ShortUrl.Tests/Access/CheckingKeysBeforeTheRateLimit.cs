using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace ShortUrl.Tests.Access;

/// <summary>A request turned away for its key spends none of the client's create permits: the key is checked first.</summary>
public sealed class CheckingKeysBeforeTheRateLimit
{
    [Fact]
    public async Task CreatesAndImportsRefusedForTheirKeySpendNoPermits()
    {
        // The configuration of the report that found it (RequireApiKeyForCreate, which is Anonymous=None now).
        using var factory = ShortUrlFactory.WithSettings(
            [.. TestKeys.Settings, ("ShortUrl:RequireApiKeyForCreate", "true"), ("ShortUrl:RateLimit:PermitLimit", "1"), ("ShortUrl:RateLimit:WindowSeconds", "3600")]);
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            await ProblemAssert.IsProblemAsync(await client.PostLinkAsync($"https://example.com/refused/{i}"), 401);
            await ProblemAssert.IsProblemAsync(await client.SendAsync(Import().WithKey(null)), 401);
            await ProblemAssert.IsProblemAsync(await client.SendAsync(CreateRequests.Create().WithKey(TestKeys.Wrong)), 403);
        }

        var created = await client.SendAsync(CreateRequests.Create().WithKey(TestKeys.Alice));
        var limited = await client.SendAsync(CreateRequests.Create().WithKey(TestKeys.Alice));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await ProblemAssert.IsProblemAsync(limited, 429);
    }

    [Fact]
    public async Task ThePagesFormPostedWithoutAKeyWhereOneIsNeededGetsAPage()
    {
        using var factory = ShortUrlFactory.WithSettings([.. TestKeys.Settings, ("ShortUrl:Anonymous", "None")]);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = new FormUrlEncodedContent([new("url", "https://example.com/from-the-form")]),
        };
        request.Headers.Accept.ParseAdd(LinkRequests.BrowserAccept);

        var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("API key", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.CountStoredLinksAsync());
    }

    private static HttpRequestMessage Import() => new(HttpMethod.Post, "/api/urls/import")
    {
        Content = new StringContent("""[{"url": "https://example.com/imported"}]""", Encoding.UTF8, "application/json"),
    };
}
