using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>A target whose host could pass for another name, as a person sees it in a real headless Chromium.</summary>
public sealed class LookAlikeTargetsInABrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // "apple.com" in Cyrillic letters, and the name browsers show for it.
    private const string LookAlike = "https://аррӏе.com/sign-in";
    private const string Ascii = "https://xn--80ak6aa92e.com/sign-in";

    static LookAlikeTargetsInABrowser() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task TheResultAndTheListSpellALookAlikeHostInAscii()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await page.Locator("#url").FillAsync(LookAlike);
        await page.Locator("#submit-button").ClickAsync();

        await Expect(page.Locator("#result-target")).ToHaveTextAsync(Ascii);
        var code = (await page.Locator("#short-link").TextContentAsync())!.Split('/')[^1];
        var row = page.Locator($"#recent-body tr[data-code='{code}'] .truncate");
        await Expect(row).ToHaveTextAsync(Ascii);
        await Expect(row).ToHaveAttributeAsync("title", Ascii);
        Assert.DoesNotContain("аррӏе", await page.Locator("main").InnerTextAsync());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ThePreviewSpellsALookAlikeHostInAsciiAndSaysWhy()
    {
        var code = (await browser.Api.CreateLinkAsync(LookAlike)).Code();
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;

        await page.GotoAsync($"/{code}+");

        await Expect(page.Locator("#preview-target")).ToHaveTextAsync(Ascii);
        await Expect(page.Locator("#preview-target")).ToHaveAttributeAsync("href", Ascii);
        await Expect(page.Locator("#preview-caution")).ToContainTextAsync("Cyrillic letters that look like Latin ones");
        Assert.DoesNotContain("аррӏе", await page.Locator("main").InnerTextAsync());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AGenuineInternationalNameReadsInItsOwnScript()
    {
        var code = (await browser.Api.CreateLinkAsync("https://xn--e1afmkfd.xn--p1ai/")).Code();
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;

        await page.GotoAsync("/");
        await Expect(page.Locator($"#recent-body tr[data-code='{code}'] .truncate")).ToHaveTextAsync("https://пример.рф/");
        await page.GotoAsync($"/{code}+");

        await Expect(page.Locator("#preview-target")).ToHaveTextAsync("https://пример.рф/");
        await Expect(page.Locator("#preview-caution")).ToHaveCountAsync(0);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task WithoutJavaScriptTheResultPageSpellsALookAlikeHostInAscii()
    {
        await using var session = await browser.OpenPageAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        await page.GotoAsync("/");

        await page.Locator("#url").FillAsync(LookAlike);
        await page.RunAndWaitForResponseAsync(
            () => page.Locator("#submit-button").ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/api/urls", StringComparison.Ordinal));

        // Waits for the result page itself; a wait for the load event once timed out on a busy machine after it came.
        await Expect(page.Locator("#result-target")).ToHaveTextAsync(Ascii);
        Assert.Empty(session.Problems);
    }
}
