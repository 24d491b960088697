using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>The stats panel of a recent link, with its chart and its QR code, in a real headless Chromium.</summary>
public sealed class StatsAndQrCodesInABrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    static StatsAndQrCodesInABrowser() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task TheStatsButtonOpensAPanelWithTheClicksChartAndTopLists()
    {
        await CreateAsync("stats-me");
        for (var i = 0; i < 3; i++)
        {
            await FollowAsync("stats-me", Firefox, "https://news.example.org/post");
        }

        await FollowAsync("stats-me", "Twitterbot/1.0", null);
        await browser.Service.FlushClicksAsync();
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await page.Locator("#recent-body tr[data-code='stats-me']").GetByRole(AriaRole.Button, new() { Name = "Stats" }).ClickAsync();

        var panel = page.Locator("#stats-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator("#stats-heading")).ToHaveTextAsync("Stats of /stats-me");
        await Expect(panel.Locator("#stats-clicks")).ToHaveTextAsync("3");
        await Expect(panel.Locator("#stats-bots")).ToHaveTextAsync("1");
        await Expect(panel.Locator("#stats-chart svg .stats-day")).ToHaveCountAsync(30);
        var today = panel.Locator($"#stats-chart .stats-day[data-date='{DateTime.UtcNow:yyyy-MM-dd}']");
        await Expect(today.Locator("title")).ToHaveTextAsync($"{DateTime.UtcNow:yyyy-MM-dd}: 3 clicks, 1 by bots");
        var barHeight = double.Parse((await today.Locator(".stats-bar").GetAttributeAsync("height"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(barHeight > 0, $"today's bar is {barHeight} high");
        await Expect(panel.Locator("#stats-referrers li").First).ToContainTextAsync("news.example.org");
        await Expect(panel.Locator("#stats-browsers li").First).ToContainTextAsync("Firefox");
        await Expect(panel.Locator("#stats-systems li").First).ToContainTextAsync("Linux");
        await Expect(panel.Locator("#stats-bot-list li").First).ToContainTextAsync("Twitterbot");
        // No country database in this service: the list is there, and says so.
        await Expect(panel.Locator("#stats-countries li").First).ToHaveTextAsync("None yet");
        await Expect(page.Locator("#stats-qr")).ToHaveJSPropertyAsync("complete", true);
        await session.ScreenshotAsync("stats-panel");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(panel).ToBeHiddenAsync();
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ThePanelShowsTheQrCodeAndItsDownloadLinkSavesTheSvg()
    {
        await CreateAsync("qr-me");
        await using var session = await browser.OpenPageAsync(new() { AcceptDownloads = true });
        var page = session.Page;
        await page.GotoAsync("/");

        await page.Locator("#recent-body tr[data-code='qr-me']").GetByRole(AriaRole.Button, new() { Name = "Stats" }).ClickAsync();

        var image = page.Locator("#stats-qr");
        await Expect(image).ToHaveAttributeAsync("alt", "QR code of /qr-me");
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the QR image did not load");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#stats-qr-download").ClickAsync());
        Assert.Equal("qr-me-qr.svg", download.SuggestedFilename);
        var saved = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("<svg", saved.TrimStart());
        Assert.Empty(session.Problems);
    }

    private async Task CreateAsync(string alias)
    {
        await browser.Api.CreateLinkAsync(new Uri(browser.TargetSite, alias).ToString(), alias);
    }

    private async Task FollowAsync(string code, string userAgent, string? referrer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (referrer is not null)
        {
            request.Headers.TryAddWithoutValidation("Referer", referrer);
        }

        using var response = await browser.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }
}
