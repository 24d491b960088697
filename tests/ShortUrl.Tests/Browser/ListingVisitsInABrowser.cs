using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>A link's visits one by one in its stats panel, a page at a time, and an admin key deleting them, in a real headless Chromium.</summary>
public sealed class ListingVisitsInABrowser(ListingVisitsInABrowser.Fixture browser)
    : IClassFixture<ListingVisitsInABrowser.Fixture>
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    static ListingVisitsInABrowser() => SetDefaultExpectTimeout(15_000);

    public sealed class Fixture() : BrowserFixture(PageKeys.With());

    [Fact]
    public async Task TheVisitsAreListedNewestFirstAPageAtATimeAndAnAdminDeletesThem()
    {
        var code = await browser.Api.CreateWithKeyAsync(Target("visited"), PageKeys.Author);
        for (var i = 0; i < 22; i++)
        {
            using var visit = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
            visit.Headers.TryAddWithoutValidation("User-Agent", Firefox);
            visit.Headers.Referrer = new Uri("https://news.example.org/post");
            using var _ = await browser.Api.SendAsync(visit);
        }

        await browser.Service.FlushClicksAsync();
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await page.EnterKeyAndAwaitTheAnswerAsync(PageKeys.Admin);
        await page.Locator($"#recent-body tr[data-code='{code}'] button[data-stats]").ClickAsync();

        await Expect(page.Locator("#visits-status")).ToHaveTextAsync("Visits 1–20 of 22, newest first");
        await Expect(page.Locator("#visits-body tr")).ToHaveCountAsync(20);
        var first = page.Locator("#visits-body tr").First;
        await Expect(first.Locator("[data-label='Referrer']")).ToHaveTextAsync("news.example.org");
        await Expect(first.Locator("[data-label='Browser']")).ToHaveTextAsync("Firefox");
        await Expect(first.Locator("[data-label='OS']")).ToHaveTextAsync("Linux");
        await Expect(first.Locator("[data-label='Bot']")).ToHaveTextAsync("No");
        await Expect(page.Locator("#visits-previous")).ToBeDisabledAsync();
        await session.ScreenshotAsync("visits-list");
        await AssertSideBySideAsync(first.Locator("[data-label='Time']"), first.Locator("[data-label='Referrer']"));

        await page.Locator("#visits-next").ClickAsync();
        await Expect(page.Locator("#visits-status")).ToHaveTextAsync("Visits 21–22 of 22, newest first");
        await Expect(page.Locator("#visits-body tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#visits-next")).ToBeDisabledAsync();
        await page.Locator("#visits-previous").ClickAsync();
        await Expect(page.Locator("#visits-body tr")).ToHaveCountAsync(20);

        await page.Locator("#visits-delete").ClickAsync();
        await Expect(page.Locator("#visits-confirm")).ToBeVisibleAsync();
        await page.Locator("#visits-delete-confirm").ClickAsync();
        await Expect(page.Locator("#visits-status")).ToHaveTextAsync("22 visits deleted; the clicks stay counted.");
        await Expect(page.Locator("#visits-body tr")).ToHaveCountAsync(0);
        using var left = JsonDocument.Parse(await browser.Api.GetStringAsync($"/api/urls/{code}/visits"));
        Assert.Equal(0, left.RootElement.GetProperty("total").GetInt32());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AnAuthorSeesTheVisitsOfItsLinkButNoDeleteButton()
    {
        var code = await browser.Api.CreateWithKeyAsync(Target("authors"), PageKeys.Author);
        using (var _ = await browser.Api.GetAsync($"/{code}"))
        {
        }

        await browser.Service.FlushClicksAsync();
        await using var session = await browser.OpenPageAsync(new() { ViewportSize = new() { Width = 375, Height = 800 } });
        var page = session.Page;
        await page.GotoAsync("/");
        await page.EnterKeyAndAwaitTheAnswerAsync(PageKeys.Author);
        await page.Locator($"#recent-body [data-code='{code}'] button[data-stats]").ClickAsync();

        await Expect(page.Locator("#visits-body tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#visits-delete")).ToBeHiddenAsync();
        Assert.InRange(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), 0, 375);
        Assert.Empty(session.Problems);
    }

    private string Target(string path) => new Uri(browser.TargetSite, path).ToString();

    /// <summary>On a wide screen a visit is a table row: its cells side by side, not stacked as on a phone's card.</summary>
    internal static async Task AssertSideBySideAsync(ILocator left, ILocator right)
    {
        var leftBox = (await left.BoundingBoxAsync())!;
        var rightBox = (await right.BoundingBoxAsync())!;
        Assert.Equal(leftBox.Y, rightBox.Y, 1.0);
        Assert.True(rightBox.X >= leftBox.X + leftBox.Width, $"{rightBox.X} is not right of {leftBox.X} + {leftBox.Width}");
    }
}
