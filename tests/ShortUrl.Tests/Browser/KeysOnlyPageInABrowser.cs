using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>Where everything but following links needs a key (<c>ShortUrl:Anonymous=None</c>), in a real headless Chromium.</summary>
public sealed class KeysOnlyPageInABrowser(KeysOnlyPageInABrowser.Fixture browser, ITestOutputHelper output)
    : IClassFixture<KeysOnlyPageInABrowser.Fixture>
{
    static KeysOnlyPageInABrowser() => SetDefaultExpectTimeout(15_000);

    public sealed class Fixture() : BrowserFixture(PageKeys.With(("ShortUrl:Anonymous", "None")));

    [Fact]
    public async Task TheFormSaysShorteningNeedsAKeyAndNothingIsListed()
    {
        await using var session = await browser.OpenPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = session.Page;
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);

        await page.GotoAsync("/");

        await Expect(page.Locator("#key-needed")).ToHaveTextAsync("Shortening a link on this service needs an API key: enter yours under Manage, below.");
        await Expect(page.Locator("#manage-card")).ToBeVisibleAsync();
        await Expect(page.Locator("#recent-table")).ToBeHiddenAsync();
        await Expect(page.Locator("#recent-note")).ToContainTextAsync("enter a key under Manage");
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("keys-only-1280"));
        Assert.DoesNotContain(requested, url => url.Contains("/api/urls", StringComparison.Ordinal));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ShorteningWithoutAKeyIsToldWhereToEnterOne()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("#key-needed")).ToBeVisibleAsync();

        await page.Locator("#url").FillAsync(Target("no-key"));
        await page.Locator("#submit-button").ClickAsync();

        await Expect(page.Locator("#form-error")).ToHaveTextAsync("This needs an API key. Enter it under Manage.");
        await Expect(page.Locator("#result")).ToBeHiddenAsync();
        Assert.All(session.Problems, problem => Assert.Contains("status of 401", problem));
    }

    [Fact]
    public async Task WithAnAuthorKeyTheFormShortensAndListsTheKeysLinks()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await page.EnterKeyAsync(PageKeys.Author);
        await Expect(page.Locator("#key-needed")).ToBeHiddenAsync();
        await page.Locator("#url").FillAsync(Target("with-her-key"));
        await page.Locator("#submit-button").ClickAsync();

        await Expect(page.Locator("#result-target")).ToHaveTextAsync(Target("with-her-key"));
        var code = (await page.Locator("#short-link").TextContentAsync())!.Split('/')[^1];
        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Your links");
        await Expect(page.Locator("#recent-body tr").First).ToHaveAttributeAsync("data-code", code);
        Assert.Empty(session.Problems);
    }

    private string Target(string path) => new Uri(browser.TargetSite, path).ToString();
}
