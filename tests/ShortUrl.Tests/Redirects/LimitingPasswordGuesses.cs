using System.Net;

namespace ShortUrl.Tests.Redirects;

/// <summary>
/// Guessing a link's password: counted per IPv4 address or IPv6 /64, per link from everyone, and never costing more than
/// a few hashes at once.
/// </summary>
public sealed class LimitingPasswordGuesses
{
    private const string Password = "correct horse battery staple";

    /// <summary>
    /// A service (three attempts per client and link; the other limits as the settings say) that takes its peer address
    /// from <see cref="PeerAddress.Header"/>, and a link on it protected by <see cref="Password"/>.
    /// </summary>
    private sealed class GuardedLink : IAsyncDisposable
    {
        private readonly ShortUrlFactory _factory;
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _service;

        private GuardedLink(ShortUrlFactory factory)
        {
            _factory = factory;
            _service = PeerAddress.Over(factory);
            Client = _service.CreateClient();
        }

        public HttpClient Client { get; }

        public string Code { get; private set; } = "";

        public static async Task<GuardedLink> CreateAsync(params (string Key, string? Value)[] settings)
        {
            var link = new GuardedLink(ShortUrlFactory.WithSettings([("ShortUrl:PasswordAttempts:PermitLimit", "3"), .. settings]));
            link.Code = await link.CreateAnotherAsync("https://example.com/guarded");
            return link;
        }

        public async Task<string> CreateAnotherAsync(string url) => (await Client.CreateLinkAsync(new { url, password = Password })).Code();

        /// <summary>A password attempt at this link from <paramref name="peer"/>, with extra headers.</summary>
        public Task<HttpResponseMessage> AttemptAsync(string password, string peer, params (string Name, string Value)[] headers) =>
            AttemptAtAsync(Code, password, peer, headers);

        public Task<HttpResponseMessage> AttemptAtAsync(string code, string password, string peer, params (string Name, string Value)[] headers)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/{code}") { Content = new FormUrlEncodedContent([new("password", password)]) };
            request.Headers.Add(PeerAddress.Header, peer);
            foreach (var (name, value) in headers)
            {
                request.Headers.Add(name, value);
            }

            return Client.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            await _service.DisposeAsync();
            await _factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task GuessesFromAddressesOfOneIpv6Slash64ShareOneLimit()
    {
        await using var link = await GuardedLink.CreateAsync();

        var statuses = new List<HttpStatusCode>();
        foreach (var peer in new[] { "2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2::3", "2001:db8:1:2:ffff::4" })
        {
            statuses.Add((await link.AttemptAsync("guess", peer)).StatusCode);
        }

        var otherNetwork = await link.AttemptAsync("guess", "2001:db8:1:3::1");

        Assert.Equal(new[] { HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests }, statuses);
        Assert.Equal(HttpStatusCode.Forbidden, otherNetwork.StatusCode);
    }

    [Fact]
    public async Task AnIpv4MappedIpv6AddressCountsAsItsIpv4Address()
    {
        await using var link = await GuardedLink.CreateAsync();

        await link.AttemptAsync("guess", "203.0.113.5");
        await link.AttemptAsync("guess", "::ffff:203.0.113.5");
        await link.AttemptAsync("guess", "203.0.113.5");
        var fourth = await link.AttemptAsync("guess", "::ffff:203.0.113.5");

        await ProblemAssert.IsProblemAsync(fourth, 429);
    }

    [Fact]
    public async Task GuessesThroughATrustedProxyAreCountedPerClientSlash64()
    {
        await using var link = await GuardedLink.CreateAsync(("ShortUrl:TrustedProxies", "10.0.0.1"));

        for (var host = 1; host <= 3; host++)
        {
            Assert.Equal(HttpStatusCode.Forbidden,
                (await link.AttemptAsync("guess", "10.0.0.1", ("X-Forwarded-For", $"2001:db8:1:2::{host}"))).StatusCode);
        }

        var fourth = await link.AttemptAsync("guess", "10.0.0.1", ("X-Forwarded-For", "2001:db8:1:2::4"));

        await ProblemAssert.IsProblemAsync(fourth, 429);
    }

    [Fact]
    public async Task WrongPasswordsFromManyClientsLockTheLinkForEveryoneUntilTheWindowEnds()
    {
        await using var link = await GuardedLink.CreateAsync(("ShortUrl:PasswordAttempts:PerLinkLimit", "4"));
        var other = await link.CreateAnotherAsync("https://example.com/not-guessed");

        for (var network = 1; network <= 4; network++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await link.AttemptAsync("guess", $"2001:db8:{network}::1")).StatusCode);
        }

        var owner = await link.AttemptAsync(Password, "198.51.100.7");

        var problem = await ProblemAssert.IsProblemAsync(owner, 429);
        Assert.Contains("this link", problem.GetProperty("detail").GetString());
        Assert.True(owner.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Null(owner.Headers.Location);
        Assert.Equal(HttpStatusCode.SeeOther, (await link.AttemptAtAsync(other, Password, "198.51.100.7")).StatusCode);
    }

    [Fact]
    public async Task RightPasswordsDoNotCountTowardsTheLinksLimit()
    {
        await using var link = await GuardedLink.CreateAsync(("ShortUrl:PasswordAttempts:PerLinkLimit", "2"));

        for (var network = 1; network <= 3; network++)
        {
            Assert.Equal(HttpStatusCode.SeeOther, (await link.AttemptAsync(Password, $"2001:db8:{network}::1")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await link.AttemptAsync("guess", "2001:db8:9::1")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await link.AttemptAsync(Password, "2001:db8:4::1")).StatusCode);
    }

    [Fact]
    public async Task ABrowserLockedOutOfALinkGetsAPageSayingWhenToComeBack()
    {
        await using var link = await GuardedLink.CreateAsync(("ShortUrl:PasswordAttempts:PerLinkLimit", "1"));
        await link.AttemptAsync("guess", "2001:db8:1::1");

        var page = await link.AttemptAsync(Password, "2001:db8:2::1", ("Accept", LinkRequests.BrowserAccept));

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("seconds", await page.Content.ReadAsStringAsync());
        Assert.True(page.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task ChecksBeyondTheConcurrencyLimitAreTurnedAwayWith503AndRetryAfterInsteadOfQueued()
    {
        await using var link = await GuardedLink.CreateAsync(
            ("ShortUrl:PasswordAttempts:ConcurrentChecks", "1"),
            ("ShortUrl:PasswordAttempts:QueuedChecks", "0"),
            ("ShortUrl:PasswordAttempts:PerLinkLimit", "10000"));

        // Each check is a slow hash; of many attempts sent at once, some must find the one check taken.
        var responses = new List<HttpResponseMessage>();
        for (var round = 0; round < 5 && !responses.Any(r => r.StatusCode == HttpStatusCode.ServiceUnavailable); round++)
        {
            responses.AddRange(await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
                Task.Run(() => link.AttemptAsync("guess", $"2001:db8:{round}:{i}::1")))));
        }

        var busy = responses.First(r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        await ProblemAssert.IsProblemAsync(busy, 503);
        Assert.True(busy.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.ServiceUnavailable }));
    }
}
