using System.Net;

namespace ShortUrl.Tests.Redirects;

/// <summary><c>ShortUrl:RedirectStatusCode</c>: each allowed status is what GET and HEAD answer with.</summary>
public sealed class ConfiguringTheRedirectStatus
{
    [Theory]
    [InlineData(301)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task TheConfiguredRedirectStatusIsUsed(int status)
    {
        await using var factory = ShortUrlFactory.WithSettings(("ShortUrl:RedirectStatusCode", status.ToString()));
        var client = factory.CreateClient();
        var code = (await client.CreateLinkAsync($"https://example.com/status/{status}")).Code();

        var get = await client.GetAsync($"/{code}");
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{code}"));

        foreach (var response in new[] { get, head })
        {
            Assert.Equal((HttpStatusCode)status, response.StatusCode);
            Assert.Equal($"https://example.com/status/{status}", response.Headers.Location?.OriginalString);
        }
    }
}
