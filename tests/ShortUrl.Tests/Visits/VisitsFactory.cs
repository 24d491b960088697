using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ShortUrl.Tests.Visits;

/// <summary>
/// The service with the real country database, the test keys, a trusted proxy at <see cref="Proxy"/>, the peer address
/// kit and a clock the tests move.
/// </summary>
public sealed class VisitsFactory() : ShortUrlFactoryWith(
    [
        .. TestKeys.Settings,
        ("ShortUrl:GeoIpDatabase", TestGeoIp.PathAsync().GetAwaiter().GetResult()),
        ("ShortUrl:TrustedProxies:0", Proxy),
    ])
{
    public const string Proxy = "10.1.2.3";

    public TestClock Clock { get; } = new();

    /// <summary>The service, taking each request's peer address from <see cref="PeerAddress.Header"/>.</summary>
    public WebApplicationFactory<Program> App => _app ??= WithWebHostBuilder(host => host.ConfigureServices(services => services
        .AddSingleton<IStartupFilter, PeerAddress>()
        .AddSingleton<TimeProvider>(Clock)));

    private WebApplicationFactory<Program>? _app;

    public Task FlushAsync() => App.Services.GetRequiredService<ShortUrl.Clicks.ClickQueue>().FlushAsync(TestContext.Timeout);
}
