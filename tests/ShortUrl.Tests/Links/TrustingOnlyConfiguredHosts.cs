using System.Net;

namespace ShortUrl.Tests.Links;

/// <summary>
/// The Host a client writes never decides alone what this service is: <c>ShortUrl:BaseUrl</c> and <c>AllowedHosts</c>
/// name it, and an answer built on a client-chosen Host is kept out of shared caches.
/// </summary>
public sealed class TrustingOnlyConfiguredHosts
{
    [Theory]
    [InlineData("http://sho.rt:8080/abc1234")]
    [InlineData("https://go.sho.rt/abc1234")]
    [InlineData("https://SHO.RT./abc1234")]
    public async Task ATargetOnAnyHostAllowedHostsNamesIsALoop(string url)
    {
        await using var factory = ShortUrlFactory.WithSettings(("AllowedHosts", "sho.rt;*.sho.rt"));
        var client = factory.CreateClient();

        var response = await client.SendAsync(CreateRequests.CreateOnHost("sho.rt", new { url }));

        await ProblemAssert.IsValidationProblemAsync(response, "url");
        Assert.Equal(0, await factory.CountStoredLinksAsync());
    }

    [Fact]
    public async Task ARequestForAHostOutsideAllowedHostsIsRefusedAndCreatesNothing()
    {
        await using var factory = ShortUrlFactory.WithSettings(("AllowedHosts", "sho.rt"));
        var client = factory.CreateClient();

        var response = await client.SendAsync(CreateRequests.CreateOnHost("shortener.other", new { url = "https://example.com/elsewhere" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.CountStoredLinksAsync());
    }

    [Fact]
    public async Task ATrustedProxyCannotForwardAHostOutsideAllowedHosts()
    {
        await using var factory = ShortUrlFactory.WithSettings(("AllowedHosts", "sho.rt"), ("ShortUrl:TrustedProxies", "10.0.0.1"));
        await using var service = PeerAddress.Over(factory);

        var created = await service.CreateClient().SendAsync(CreateRequests.CreateOnHost("sho.rt", new { url = "https://example.com/forwarded" },
            (PeerAddress.Header, "10.0.0.1"), ("X-Forwarded-Host", "evil.example")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("http://sho.rt/", (await CreateRequests.LinkAsync(created)).GetProperty("shortUrl").GetString());
    }

    [Fact]
    public async Task AQrCodeBuiltOnAClientChosenHostIsKeptOutOfSharedCaches()
    {
        await using var factory = new ShortUrlFactory();
        var client = factory.CreateClient();
        var code = (await client.CreateLinkAsync("https://example.com/qr-private")).Code();

        var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}/qr");
        request.Headers.Host = "shortener.other";
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Private == true, response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.CacheControl?.Public == true);
    }

    [Theory]
    [InlineData("ShortUrl:BaseUrl", "https://sho.rt/")]
    [InlineData("AllowedHosts", "localhost")]
    public async Task AQrCodeBuiltOnAConfiguredAddressMayBeCachedByAnyone(string key, string value)
    {
        await using var factory = ShortUrlFactory.WithSettings((key, value));
        var client = factory.CreateClient();
        var code = (await client.CreateLinkAsync("https://example.com/qr-public")).Code();

        var response = await client.GetAsync($"/{code}/qr");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Public == true, response.Headers.CacheControl?.ToString());
    }
}
