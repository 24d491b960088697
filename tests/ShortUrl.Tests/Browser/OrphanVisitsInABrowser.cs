using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>The Manage section's orphan visits panel, for admin keys only, in a real headless Chromium.</summary>
public sealed class OrphanVisitsInABrowser(OrphanVisitsInABrowser.Fixture browser)
    : IClassFixture<OrphanVisitsInABrowser.Fixture>
{
    static OrphanVisitsInABrowser() => SetDefaultExpectTimeout(15_000);

    public sealed class Fixture() : BrowserFixture(PageKeys.With());

    [Fact]
    public async Task AnAdminSeesTheCountsPerKindAndTheNewestOrphanVisits()
    {
        using (var _ = await browser.Api.GetAsync("/NoSuch77")) { }
        using (var _ = await browser.Api.GetAsync("/wp-login.php")) { }
        await browser.Service.FlushClicksAsync();
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await page.EnterKeyAndAwaitTheAnswerAsync(PageKeys.Admin);

        await Expect(page.Locator("#orphans")).ToBeVisibleAsync();
        await Expect(page.Locator("#orphans-summary")).ToContainTextAsync("1 invalid short URL");
        var invalid = page.Locator("#orphans-body tr", new() { HasText = "/NoSuch77" });
        await Expect(invalid.Locator("[data-label='Kind']")).ToHaveTextAsync("invalid_short_url");
        await Expect(page.Locator("#orphans-body tr", new() { HasText = "/wp-login.php" })).ToHaveCountAsync(1);
        await session.ScreenshotAsync("orphan-visits");
        await ListingVisitsInABrowser.AssertSideBySideAsync(invalid.Locator("[data-label='Kind']"), invalid.Locator("[data-label='Path']"));

        using (var _ = await browser.Api.GetAsync("/NoSuch78")) { }
        await browser.Service.FlushClicksAsync();
        await page.Locator("#orphans-refresh").ClickAsync();
        await Expect(page.Locator("#orphans-summary")).ToContainTextAsync("2 invalid short URL");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AnAuthorKeyDoesNotSeeThePanel()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await page.EnterKeyAndAwaitTheAnswerAsync(PageKeys.Author);

        await Expect(page.Locator("#manage-tools")).ToBeVisibleAsync();
        await Expect(page.Locator("#orphans")).ToBeHiddenAsync();
        Assert.Empty(session.Problems);
    }
}
