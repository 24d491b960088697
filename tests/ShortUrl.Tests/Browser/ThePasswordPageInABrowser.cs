using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShortUrl.Storage;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>A password-protected link followed in a real headless Chromium, with JavaScript off: the page is a plain form.</summary>
public sealed class ThePasswordPageInABrowser(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    static ThePasswordPageInABrowser() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task AWrongPasswordIsToldOnThePageAndTheRightOneLandsOnTheTarget()
    {
        var target = new Uri(browser.TargetSite, "members/only?id=7").ToString();
        var created = await browser.Api.PostAsJsonAsync("/api/urls", new { url = target, password = "open sesame" });
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        await using var session = await browser.OpenPageAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;

        var asked = await page.GotoAsync($"/{code}");

        Assert.Equal(200, asked!.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("This link is password-protected");
        await Expect(page.Locator("#password")).ToBeFocusedAsync();
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("password-page"));

        await page.Locator("#password").FillAsync("open says me");
        var refused = await PostedAsync(page, () => page.Locator("#password").PressAsync("Enter"));

        Assert.Equal(403, refused.Status);
        await Expect(page.Locator("#password-error")).ToHaveTextAsync("That password is not right. Try again.");
        await Expect(page.Locator("#password")).ToHaveAttributeAsync("aria-invalid", "true");

        await page.Locator("#password").FillAsync("open sesame");
        var accepted = await PostedAsync(page, () => page.Locator("#password-submit").ClickAsync());

        Assert.Equal(303, accepted.Status);
        await Expect(page).ToHaveURLAsync(target);
        await Expect(page.Locator("#landed")).ToHaveTextAsync("Landed on /members/only?id=7");
        // Chromium reports the 403 of the wrong password itself as a console error; nothing else may show up.
        Assert.All(session.Problems, problem => Assert.Contains("status of 403", problem));
    }

    [Fact]
    public async Task ThePageCreatesALinkWithAPasswordAndAClickLimitFromItsOptions()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await page.Locator("#url").FillAsync(new Uri(browser.TargetSite, "guarded").ToString());
        await page.Locator("#more-options summary").ClickAsync();
        await page.Locator("#maxClicks").FillAsync("3");
        await page.Locator("#password").FillAsync("letmein");
        await page.Locator("#submit-button").ClickAsync();

        await Expect(page.Locator("#result")).ToBeVisibleAsync();
        var code = (await page.Locator("#short-link").TextContentAsync())![^7..];
        // The details of a password-protected link need a key: read what was stored.
        var link = (await browser.Service.Services.GetRequiredService<ILinkStore>().FindAsync(code, TestContext.Timeout))!;
        Assert.NotNull(link.PasswordHash);
        Assert.Equal(3, link.MaxClicks);
        await Expect(page.Locator($"#recent-body tr[data-code='{code}'] .truncate")).ToHaveTextAsync("Password-protected");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AnExpiryInThePastIsToldNextToItsFieldWithTheOptionsOpen()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await page.Locator("#url").FillAsync(new Uri(browser.TargetSite, "too-late").ToString());
        await page.Locator("#more-options summary").ClickAsync();
        await page.Locator("#expiresAt").FillAsync("2001-01-01T00:00");
        await page.Locator("#more-options summary").ClickAsync();

        await page.Locator("#submit-button").ClickAsync();

        await Expect(page.Locator("#expiresAt-error")).ToHaveTextAsync("'expiresAt' must be in the future.");
        await Expect(page.Locator("#more-options")).ToHaveAttributeAsync("open", "");
        await Expect(page.Locator("#expiresAt")).ToBeFocusedAsync();
        await Expect(page.Locator("#result")).ToBeHiddenAsync();
    }

    /// <summary>Does what submits the form and returns the answer to its post; the expectations after it wait for the page it leads to.</summary>
    // No wait for a load state here: with JavaScript off, Chromium at times never reported the load of the posted page
    // to Playwright although it had shown it, and the web-first expectations that follow wait for what they need.
    private static Task<IResponse> PostedAsync(IPage page, Func<Task> submit) =>
        page.RunAndWaitForResponseAsync(submit, response => response.Request.Method == "POST");
}
