using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace ShortUrl.Tests.Access;

/// <summary>
/// The create limit on the published service, over real sockets and at its defaults (60 creates a minute per client),
/// where <see cref="LimitingRates"/> sets a limit of its own in memory and makes up its clients' addresses. Each test is a
/// client of its own (a loopback address of its own), so each has a whole allowance whatever the others did.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed partial class LimitingRatesOnASocket(LimitingRatesOnASocket.Service service) : IClassFixture<LimitingRatesOnASocket.Service>
{
    /// <summary>The README's default: <c>ShortUrl:RateLimit:PermitLimit</c> creates per <c>WindowSeconds</c>.</summary>
    private const int DefaultPermitLimit = 60;

    private static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The service with nothing about the limit configured, so the defaults apply, on 127.0.0.1 only. It trusts 127.0.0.1
    /// as a reverse proxy: a client's address can then be any the test names in <c>X-Forwarded-For</c>, an IPv4-mapped
    /// IPv6 one too, as a service behind a proxy (or listening on every address in dual mode) sees them. Every other
    /// loopback address connects as a client of its own.
    /// </summary>
    public sealed class Service : IAsyncLifetime
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-ratelimit-").FullName;

        public ServiceProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() => Process = await ServiceProcess.StartRateLimitedAsync(
            Path.Combine(_folder, "shorturl.db"), $"--ShortUrl:TrustedProxies={IPAddress.Loopback}");

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task The61stCreateFromOneClientWithinAMinuteIs429WithRetryAfterAsAProblem()
    {
        using var client = LoopbackClient.From(IPAddress.Parse("127.0.0.21"), service.Process.BaseAddress);
        var window = Stopwatch.StartNew();

        await CreateTheWholeAllowanceAsync(client, "default");
        var limited = await client.PostLinkAsync("https://example.com/socket/default/61");

        Assert.True(window.Elapsed < DefaultWindow, $"61 creates took {window.Elapsed.TotalSeconds:F0} s: the window may have started again");
        var problem = await ProblemAssert.IsProblemAsync(limited, 429);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, (int)DefaultWindow.TotalSeconds);
        Assert.Contains($"{retryAfter} seconds", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnIPv4ClientHasOneAllowanceWhetherItArrivesAsIPv4OrMappedToIPv6()
    {
        using var proxy = LoopbackClient.From(IPAddress.Loopback, service.Process.BaseAddress);

        for (var i = 0; i < DefaultPermitLimit; i++)
        {
            var forwardedFor = i % 2 == 0 ? "::ffff:203.0.113.7" : "203.0.113.7";
            Assert.Equal(HttpStatusCode.Created, (await proxy.SendAsync(CreateFor(forwardedFor))).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await proxy.SendAsync(CreateFor("::ffff:203.0.113.7")), 429);
        await ProblemAssert.IsProblemAsync(await proxy.SendAsync(CreateFor("203.0.113.7")), 429);
        // Mapped addresses are told apart as the IPv4 addresses they are, not lumped into one IPv6 network.
        Assert.Equal(HttpStatusCode.Created, (await proxy.SendAsync(CreateFor("::ffff:203.0.113.8"))).StatusCode);
    }

    [Fact]
    public async Task ThePageAndRedirectsAreNeverLimitedEvenForAClientThatMayCreateNoMore()
    {
        using var client = LoopbackClient.From(IPAddress.Parse("127.0.0.24"), service.Process.BaseAddress);
        var code = (await CreateTheWholeAllowanceAsync(client, "page"))[0];
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostLinkAsync("https://example.com/socket/page/61")).StatusCode);

        var page = await client.GetStringAsync("/");
        var assets = PageAsset().Matches(page).Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(assets);
        for (var i = 0; i <= DefaultPermitLimit; i++)
        {
            using var redirect = await client.GetAsync($"/{code}");
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal("https://example.com/socket/page/1", redirect.Headers.Location?.OriginalString);
            foreach (var path in assets.Prepend("/"))
            {
                using var response = await client.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
    }

    /// <summary>Creates <see cref="DefaultPermitLimit"/> links, <c>https://example.com/socket/{name}/1</c> and on; returns their codes.</summary>
    private static async Task<List<string>> CreateTheWholeAllowanceAsync(HttpClient client, string name)
    {
        var codes = new List<string>();
        for (var i = 1; i <= DefaultPermitLimit; i++)
        {
            codes.Add((await client.CreateLinkAsync($"https://example.com/socket/{name}/{i}")).Code());
        }

        return codes;
    }

    private static HttpRequestMessage CreateFor(string forwardedFor) => CreateRequests.Create(null, ("X-Forwarded-For", forwardedFor));

    /// <summary>The page's own scripts and stylesheets.</summary>
    [GeneratedRegex("(?:src|href)=\"(/[^\"]+)\"")]
    private static partial Regex PageAsset();
}
