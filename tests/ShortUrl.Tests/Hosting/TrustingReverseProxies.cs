using System.Net;

namespace ShortUrl.Tests.Hosting;

public sealed class TrustingReverseProxies
{
    private const string Proxy = "10.0.0.1";

    private static readonly HttpStatusCode[] TheThirdIsLimited = [HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests];

    /// <summary>Three creates from <paramref name="peer"/>, each claiming to forward the client <paramref name="forwardedFor"/> names.</summary>
    private static async Task<HttpStatusCode[]> ThreeCreatesAsync(string? trustedProxies, string peer, Func<int, string> forwardedFor)
    {
        using var factory = Service(trustedProxies);
        using var service = PeerAddress.Over(factory);
        var client = service.CreateClient();
        var statuses = new HttpStatusCode[3];
        for (var i = 0; i < statuses.Length; i++)
        {
            statuses[i] = (await client.SendAsync(CreateRequests.Create(peer, ("X-Forwarded-For", forwardedFor(i + 1))))).StatusCode;
        }

        return statuses;
    }

    private static ShortUrlFactory Service(string? trustedProxies) => ShortUrlFactory.WithSettings(
        ("ShortUrl:RateLimit:PermitLimit", "2"),
        ("ShortUrl:RateLimit:WindowSeconds", "3600"),
        ("ShortUrl:TrustedProxies", trustedProxies));

    [Theory]
    [InlineData(null, "198.51.100.7")]
    [InlineData(Proxy, "10.0.0.2")]
    [InlineData(Proxy, "127.0.0.1")]
    public async Task AClientThatIsNotATrustedProxyCannotDodgeTheLimitWithXForwardedFor(string? trustedProxies, string peer)
    {
        var statuses = await ThreeCreatesAsync(trustedProxies, peer, i => $"192.0.2.{i}");

        Assert.Equal(TheThirdIsLimited, statuses);
    }

    [Theory]
    [InlineData(null, "198.51.100.7")]
    [InlineData(Proxy, "10.0.0.2")]
    public async Task AClientThatIsNotATrustedProxyCannotPoisonTheShortUrl(string? trustedProxies, string peer)
    {
        using var factory = Service(trustedProxies);
        using var service = PeerAddress.Over(factory);

        var created = await service.CreateClient().SendAsync(CreateRequests.Create(peer,
            ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "192.0.2.1")));

        var link = await CreateRequests.LinkAsync(created);
        Assert.StartsWith("http://localhost/", link.GetProperty("shortUrl").GetString());
    }

    [Theory]
    [InlineData(Proxy)]
    [InlineData("10.0.0.0/8")]
    [InlineData("192.0.2.9, 10.0.0.0/24")]
    public async Task ATrustedProxyNamesTheClientItsSchemeAndTheHost(string trustedProxies)
    {
        using var factory = Service(trustedProxies);
        using var service = PeerAddress.Over(factory);
        var client = service.CreateClient();

        var created = await client.SendAsync(CreateRequests.Create(Proxy,
            ("X-Forwarded-For", "198.51.100.1"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "sho.rt")));
        await client.SendAsync(CreateRequests.Create(Proxy, ("X-Forwarded-For", "198.51.100.1")));
        var third = await client.SendAsync(CreateRequests.Create(Proxy, ("X-Forwarded-For", "198.51.100.1")));
        var otherClient = await client.SendAsync(CreateRequests.Create(Proxy, ("X-Forwarded-For", "198.51.100.2")));

        Assert.StartsWith("https://sho.rt/", (await CreateRequests.LinkAsync(created)).GetProperty("shortUrl").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherClient.StatusCode);
    }

    [Fact]
    public async Task TrustedProxiesCanBeAListInConfiguration()
    {
        using var factory = ShortUrlFactory.WithSettings(("ShortUrl:TrustedProxies:0", "192.0.2.9"), ("ShortUrl:TrustedProxies:1", Proxy));
        using var service = PeerAddress.Over(factory);

        var created = await service.CreateClient().SendAsync(CreateRequests.Create(Proxy, ("X-Forwarded-Host", "sho.rt")));

        Assert.StartsWith("http://sho.rt/", (await CreateRequests.LinkAsync(created)).GetProperty("shortUrl").GetString());
    }

    [Fact]
    public async Task AddressesAClientPrependsBeforeATrustedProxyAreIgnored()
    {
        // The proxy appends the address it saw; whatever the client wrote before it is the client's invention.
        var statuses = await ThreeCreatesAsync(Proxy, Proxy, i => $"192.0.2.{i}, 198.51.100.1");

        Assert.Equal(TheThirdIsLimited, statuses);
    }

    [Fact]
    public async Task ALinkToTheForwardedPublicHostIsALoop()
    {
        using var factory = Service(Proxy);
        using var service = PeerAddress.Over(factory);
        var request = CreateRequests.Create(Proxy, ("X-Forwarded-Host", "sho.rt"), ("X-Forwarded-Proto", "https"));
        request.Content = System.Net.Http.Json.JsonContent.Create(new { url = "https://sho.rt/abc1234" });

        var response = await service.CreateClient().SendAsync(request);

        await ProblemAssert.IsValidationProblemAsync(response, "url");
    }
}
