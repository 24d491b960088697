using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace ShortUrl.Tests.Browser;

/// <summary>
/// A real headless Chromium for a test class, the service on a real loopback port for it (a browser cannot reach
/// TestServer), and a second small site to be the targets of links: the service refuses targets pointing at itself.
/// </summary>
/// <remarks>
/// The service runs in this process on Kestrel (<see cref="WebApplicationFactory{T}.UseKestrel()"/>) rather than as
/// the published process: it starts in a moment and keeps <see cref="ShortUrlFactory.FlushClicksAsync"/>; the
/// published process has its own tests.
/// </remarks>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>The environment variable naming the Chromium (or Chrome) executable to drive.</summary>
    public const string ChromiumVariable = "SHORTURL_CHROMIUM";

    private const string DebianChromium = "/usr/bin/chromium";

    // As root Chromium needs --no-sandbox; the rest keep it from calling Google, which these machines refuse.
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private WebApplication? _targetSite;

    public BrowserFixture()
        : this([])
    {
    }

    /// <summary>For a test class whose service needs settings of its own, such as API keys.</summary>
    protected BrowserFixture(params (string Key, string? Value)[] settings)
    {
        // Quiet: the service's start-up lines would only clutter the test output.
        Service = ShortUrlFactory.WithSettings(
            [("Logging:LogLevel:Default", "Warning"), ("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"), .. settings]);
    }

    public ShortUrlFactory Service { get; }

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The service, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A site that answers every GET with a page naming its path: where short links lead in these tests.</summary>
    public Uri TargetSite { get; private set; } = null!;

    /// <summary>A plain HTTP client for the service, for setting up data the page then shows.</summary>
    public HttpClient Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = FindChromium();

        Service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Service.StartServer();
        BaseAddress = new Uri(ListeningAddress(Service.Services) + "/");
        Api = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

        _targetSite = await StartTargetSiteAsync();
        TargetSite = new Uri(ListeningAddress(_targetSite.Services) + "/");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>A fresh browser context (cookies, storage, permissions of its own) with a page open on nothing yet.</summary>
    public async Task<BrowserPage> OpenPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return await BrowserPage.OpenAsync(context);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_targetSite is not null)
        {
            await _targetSite.DisposeAsync();
        }

        Api?.Dispose();
        await Service.DisposeAsync();
    }

    private static string FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        var path = string.IsNullOrWhiteSpace(configured) ? DebianChromium : configured;
        if (File.Exists(path))
        {
            return path;
        }

        throw new InvalidOperationException(
            $"The browser tests need Chromium and found none at {path}. Install Debian's chromium package "
            + "('apt-get install chromium', which ./test.sh does by itself when run as root) or set "
            + $"{ChromiumVariable} to the path of a Chromium or Chrome executable. Playwright's own browser download "
            + "is not used.");
    }

    private static string ListeningAddress(IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    private static async Task<WebApplication> StartTargetSiteAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var site = builder.Build();
        site.MapGet("/{**path}", (HttpRequest request) => Results.Content(
            $"<!doctype html><title>Target</title><h1 id=\"landed\">Landed on {WebUtility.HtmlEncode(request.Path + request.QueryString)}</h1>",
            "text/html; charset=utf-8"));
        await site.StartAsync();
        return site;
    }
}
