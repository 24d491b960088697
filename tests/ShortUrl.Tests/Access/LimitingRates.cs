using System.Net;

namespace ShortUrl.Tests.Access;

public sealed class LimitingRates : IDisposable
{
    private const int PermitLimit = 3;

    private readonly ShortUrlFactory _factory = ShortUrlFactory.WithSettings(
        ("ShortUrl:RateLimit:PermitLimit", PermitLimit.ToString()),
        ("ShortUrl:RateLimit:WindowSeconds", "3600"));

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task CreatingMoreThanThePermitLimitReturns429WithRetryAfterAndCreatesNothing()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(CreateRequests.Create())).StatusCode);
        }

        var limited = await client.SendAsync(CreateRequests.Create());

        var problem = await ProblemAssert.IsProblemAsync(limited, 429);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Contains(retryAfter.ToString(), problem.GetProperty("detail").GetString());
        Assert.Equal(PermitLimit, await _factory.CountStoredLinksAsync());
    }

    [Fact]
    public async Task RedirectsAndReadsAreNotThrottledWhenCreatesAre()
    {
        var client = _factory.CreateClient();
        var created = await client.SendAsync(CreateRequests.Create());
        var code = (await CreateRequests.LinkAsync(created)).GetProperty("code").GetString();
        for (var i = 1; i < PermitLimit; i++)
        {
            await client.SendAsync(CreateRequests.Create());
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(CreateRequests.Create())).StatusCode);

        for (var i = 0; i < 10 * PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await client.GetAsync($"/{code}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/urls/{code}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/urls/recent")).StatusCode);
        }
    }

    [Fact]
    public async Task InvalidCreatesCountTowardsTheLimitSoAFloodOfGarbageIsThrottledToo()
    {
        var client = _factory.CreateClient();
        for (var i = 0; i < PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/urls", new StringContent("garbage", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(CreateRequests.Create())).StatusCode);
    }

    [Fact]
    public async Task EachClientAddressHasItsOwnAllowance()
    {
        using var service = PeerAddress.Over(_factory);
        var client = service.CreateClient();
        for (var i = 0; i < PermitLimit; i++)
        {
            await client.SendAsync(CreateRequests.Create("203.0.113.1"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(CreateRequests.Create("203.0.113.1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(CreateRequests.Create("203.0.113.2"))).StatusCode);
    }

    [Fact]
    public async Task IPv6ClientsShareTheAllowanceOfTheirSlash64SoRotatingAddressesDoesNotHelp()
    {
        using var service = PeerAddress.Over(_factory);
        var client = service.CreateClient();
        for (var i = 1; i <= PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(CreateRequests.Create($"2001:db8:1:2::{i:x}"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(CreateRequests.Create("2001:db8:1:2:ffff::1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(CreateRequests.Create("2001:db8:1:3::1"))).StatusCode);
    }

    [Fact]
    public async Task APermitLimitOfZeroTurnsTheLimitOff()
    {
        using var unlimited = ShortUrlFactory.WithSettings(("ShortUrl:RateLimit:PermitLimit", "0"), ("ShortUrl:RateLimit:WindowSeconds", "3600"));
        var client = unlimited.CreateClient();

        // More than the default limit of 60 from one address.
        for (var i = 0; i < 61; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(CreateRequests.Create())).StatusCode);
        }
    }
}
