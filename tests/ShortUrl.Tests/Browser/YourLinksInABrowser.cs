using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>
/// Where visitors may shorten but not list (<c>ShortUrl:Anonymous=Create</c>): the page lists the links this browser
/// made, from its own storage, without the stats a visitor may not read. In a real headless Chromium.
/// </summary>
public sealed class YourLinksInABrowser(YourLinksInABrowser.Fixture browser, ITestOutputHelper output)
    : IClassFixture<YourLinksInABrowser.Fixture>
{
    static YourLinksInABrowser() => SetDefaultExpectTimeout(15_000);

    public sealed class Fixture() : BrowserFixture(PageKeys.With(("ShortUrl:Anonymous", "Create")));

    [Fact]
    public async Task TheLinksThisBrowserMadeAreListedWithoutStatsAndSurviveAReload()
    {
        var elsewhere = await browser.Api.CreateWithKeyAsync(Target("made-elsewhere"), null);
        await using var session = await browser.OpenPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = session.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Your links");

        var first = await ShortenAsync(page, Target("mine-first"));
        var second = await ShortenAsync(page, Target("mine-second"));
        await page.ReloadAsync();

        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Your links");
        await Expect(page.Locator("#recent-body tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#recent-body tr").Nth(0)).ToHaveAttributeAsync("data-code", second);
        await Expect(page.Locator("#recent-body tr").Nth(1)).ToHaveAttributeAsync("data-code", first);
        await Expect(page.Locator($"#recent-body tr[data-code='{first}'] .truncate")).ToHaveTextAsync(Target("mine-first"));
        await Expect(page.Locator($"#recent-body tr[data-code='{elsewhere}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#recent-body button[data-stats]")).ToHaveCountAsync(0);
        await Expect(page.Locator("#recent-table th", new() { HasTextString = "Clicks" })).ToBeHiddenAsync();
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("your-links-1280"));
        // Not one call the service would refuse a visitor (recent, stats): no 401 in the console.
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AnotherBrowserDoesNotSeeThem()
    {
        await using (var mine = await browser.OpenPageAsync())
        {
            await mine.Page.GotoAsync("/");
            await ShortenAsync(mine.Page, Target("only-mine"));
        }

        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await Expect(page.Locator("#recent-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#recent-body tr")).ToHaveCountAsync(0);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ForgettingTheListEmptiesItForGood()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await ShortenAsync(page, Target("to-forget"));

        await page.Locator("#forget-yours").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#recent-body tr")).ToHaveCountAsync(0);
        await Expect(page.Locator("#forget-yours")).ToBeHiddenAsync();
        await Expect(page.Locator("#url")).ToBeFocusedAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#recent-empty")).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
    }

    [Fact]
    public async Task APasswordProtectedLinksTargetIsNotKeptInTheBrowser()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await page.Locator("#url").FillAsync(Target("secret-place"));
        await page.Locator("#more-options summary").ClickAsync();
        await page.Locator("#password").FillAsync("open sesame");
        await page.Locator("#submit-button").ClickAsync();
        await Expect(page.Locator("#result-target")).ToHaveTextAsync(Target("secret-place"));

        await Expect(page.Locator("#recent-body tr").First.Locator(".truncate")).ToHaveTextAsync("Password-protected");
        Assert.DoesNotContain("secret-place", await page.EvaluateAsync<string>("JSON.stringify(localStorage)"));
    }

    [Fact]
    public async Task WithAnAuthorKeyTheListIsTheKeysOwnWithStats()
    {
        var hers = await browser.Api.CreateWithKeyAsync(Target("hers-in-create-mode"), PageKeys.Author);
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await page.EnterKeyAsync(PageKeys.Author);

        await Expect(page.Locator($"#recent-body tr[data-code='{hers}'] button[data-stats]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#recent-table th", new() { HasTextString = "Clicks" })).ToBeVisibleAsync();
        await page.Locator($"#recent-body tr[data-code='{hers}'] button[data-stats]").ClickAsync();
        await Expect(page.Locator("#stats-clicks")).ToHaveTextAsync("0");
        await Expect(page.Locator("#stats-status")).ToBeHiddenAsync();
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task OnAPhoneYourLinksFitWithoutScrollingSideways()
    {
        const int Width = 375;
        await using var session = await browser.OpenPageAsync(new()
        {
            ViewportSize = new() { Width = Width, Height = 800 }, IsMobile = true, HasTouch = true,
        });
        var page = session.Page;
        await page.GotoAsync("/");

        await ShortenAsync(page, Target("phone/" + new string('y', 150)));

        Assert.InRange(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), 0, Width);
        var copy = await page.Locator("#recent-body tr").First.GetByText("Copy", new() { Exact = true }).BoundingBoxAsync();
        Assert.True(copy is not null && copy.X + copy.Width <= Width, "the row's Copy should be on screen");
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("your-links-phone-375"));
        Assert.Empty(session.Problems);
    }

    /// <summary>Shortens through the form; returns the new code once it heads the list.</summary>
    private static async Task<string> ShortenAsync(IPage page, string url)
    {
        await page.Locator("#url").FillAsync(url);
        await page.Locator("#submit-button").ClickAsync();
        await Expect(page.Locator("#result-target")).ToHaveTextAsync(url);
        var code = (await page.Locator("#short-link").TextContentAsync())!.Split('/')[^1];
        await Expect(page.Locator("#recent-body tr").First).ToHaveAttributeAsync("data-code", code);
        return code;
    }

    private string Target(string path) => new Uri(browser.TargetSite, path).ToString();
}
