using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ShortUrl.Tests.Processes;

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
    /// The service with nothing about the limit configured, so the defaults apply. Besides 127.0.0.1 it listens on
    /// <c>[::]</c> in dual mode, where IPv4 clients arrive mapped to IPv6: that socket takes every address, since no
    /// setting makes a dual-mode socket loopback-only (.NET opens <c>[::ffff:127.0.0.1]</c> v6-only, which cannot bind it).
    /// </summary>
    public sealed class Service : IAsyncLifetime
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-ratelimit-").FullName;

        public ServiceProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() => Process = await ServiceProcess.StartRateLimitedAsync(Path.Combine(_folder, "shorturl.db"));

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
        var address = IPAddress.Parse("127.0.0.22");
        // The dual-mode socket sees this client as ::ffff:127.0.0.22, the other one as 127.0.0.22.
        using var mapped = LoopbackClient.From(address, service.Process.DualModeAddress!);
        using var plain = LoopbackClient.From(address, service.Process.BaseAddress);
        using var neighbour = LoopbackClient.From(IPAddress.Parse("127.0.0.23"), service.Process.DualModeAddress!);

        for (var i = 0; i < DefaultPermitLimit; i++)
        {
            var client = i % 2 == 0 ? mapped : plain;
            Assert.Equal(HttpStatusCode.Created, (await client.PostLinkAsync($"https://example.com/socket/mapped/{i}")).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await mapped.PostLinkAsync("https://example.com/socket/mapped/61"), 429);
        await ProblemAssert.IsProblemAsync(await plain.PostLinkAsync("https://example.com/socket/mapped/62"), 429);
        // Mapped addresses are told apart as the IPv4 addresses they are, not lumped into one IPv6 network.
        Assert.Equal(HttpStatusCode.Created, (await neighbour.PostLinkAsync("https://example.com/socket/neighbour")).StatusCode);
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

    /// <summary>The page's own scripts and stylesheets.</summary>
    [GeneratedRegex("(?:src|href)=\"(/[^\"]+)\"")]
    private static partial Regex PageAsset();
}
