using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>
/// The Manage section where the service has keys (and visitors may list, the default): the key's own links with an
/// author key, every link with an admin key, in a real headless Chromium.
/// </summary>
public sealed class ManageSectionInABrowser(ManageSectionInABrowser.Fixture browser, ITestOutputHelper output)
    : IClassFixture<ManageSectionInABrowser.Fixture>
{
    static ManageSectionInABrowser() => SetDefaultExpectTimeout(15_000);

    public sealed class Fixture() : BrowserFixture(PageKeys.With());

    [Fact]
    public async Task TheManageSectionAppearsWhereTheServiceHasKeysWithItsToolsHiddenUntilAKeyIsAccepted()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;

        await page.GotoAsync("/");

        await Expect(page.Locator("#manage-card")).ToBeVisibleAsync();
        await Expect(page.Locator("#tools-heading")).ToHaveTextAsync("Manage");
        await Expect(page.Locator("#manage-tools")).ToBeHiddenAsync();
        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Recent links");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AnAuthorKeyListsTheLinksItMadeAndNoOthers()
    {
        var hers = await browser.Api.CreateWithKeyAsync(Target("hers"), PageKeys.Author);
        var anyones = await browser.Api.CreateWithKeyAsync(Target("anyones"), null);
        await using var session = await browser.OpenPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = session.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator($"#recent-body tr[data-code='{anyones}']")).ToHaveCountAsync(1);

        await page.EnterKeyAsync(PageKeys.Author);

        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Your links");
        await Expect(page.Locator($"#recent-body tr[data-code='{hers}']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#recent-body tr[data-code='{anyones}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#api-key-owner")).ToContainTextAsync($"The key of {PageKeys.AuthorName}, an author");
        await Expect(page.Locator("#manage-tools")).ToBeVisibleAsync();
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("manage-author-1280"));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AnAdminKeyListsEveryLink()
    {
        var hers = await browser.Api.CreateWithKeyAsync(Target("hers-for-admin"), PageKeys.Author);
        var anyones = await browser.Api.CreateWithKeyAsync(Target("anyones-for-admin"), null);
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await page.EnterKeyAsync(PageKeys.Admin);

        // The newest of every link; the table of all of them is the section below.
        await Expect(page.Locator("#api-key-owner")).ToContainTextAsync("an admin");
        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Recent links");
        await Expect(page.Locator("#all-links-heading")).ToHaveTextAsync("All links");
        await Expect(page.Locator($"#recent-body tr[data-code='{hers}']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#recent-body tr[data-code='{anyones}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#api-key-owner")).ToContainTextAsync("The key of root, an admin");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ALinkShortenedWithAKeyBelongsToThatKey()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await page.EnterKeyAsync(PageKeys.Author);
        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Your links");

        await page.Locator("#url").FillAsync(Target("shortened-with-her-key"));
        await page.Locator("#submit-button").ClickAsync();

        await Expect(page.Locator("#result")).ToBeVisibleAsync();
        var code = (await page.Locator("#short-link").TextContentAsync())!.Split('/')[^1];
        await Expect(page.Locator("#recent-body tr").First).ToHaveAttributeAsync("data-code", code);
        using var hers = new HttpRequestMessage(HttpMethod.Get, "/api/urls/recent?limit=100");
        hers.Headers.Add("X-Api-Key", PageKeys.Author);
        Assert.Contains($"\"code\":\"{code}\"", await (await browser.Api.SendAsync(hers)).Content.ReadAsStringAsync());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AWrongKeyIsToldInPlainWordsAndTheListStaysTheVisitors()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await page.EnterKeyAsync("not-a-key-of-this-service");

        await Expect(page.Locator("#api-key-error")).ToHaveTextAsync("That API key is not one this service accepts. Check it and try again.");
        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Recent links");
        await Expect(page.Locator("#manage-tools")).ToBeHiddenAsync();
        // Chromium reports the 403 itself as a console error; nothing else may show up.
        Assert.All(session.Problems, problem => Assert.Contains("status of 403", problem));
    }

    [Fact]
    public async Task TheStatsOfAPasswordProtectedLinkAskForAKeyAndShowWithTheRightOne()
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = JsonContent.Create(new { url = Target("guarded-stats"), password = "pw" }),
        };
        create.Headers.Add("X-Api-Key", PageKeys.Author);
        var code = (await (await browser.Api.SendAsync(create)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).Code();
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await page.Locator($"#recent-body tr[data-code='{code}'] button[data-stats]").ClickAsync();

        await Expect(page.Locator("#stats-status")).ToHaveTextAsync("This needs an API key. Enter it under Manage.");
        await Expect(page.Locator(".stats-main")).ToBeHiddenAsync();
        await page.Locator("#stats-close").ClickAsync();
        await page.EnterKeyAsync(PageKeys.Author);
        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Your links");
        await page.Locator($"#recent-body tr[data-code='{code}'] button[data-stats]").ClickAsync();
        await Expect(page.Locator("#stats-status")).ToBeHiddenAsync();
        await Expect(page.Locator(".stats-main")).ToBeVisibleAsync();
        await Expect(page.Locator($"#recent-body tr[data-code='{code}'] .truncate")).ToHaveTextAsync(Target("guarded-stats"));
        Assert.All(session.Problems, problem => Assert.Contains("status of 401", problem));
    }

    [Fact]
    public async Task OnAPhoneTheManageSectionWithAKeyFitsWithoutScrollingSideways()
    {
        const int Width = 375;
        await browser.Api.CreateWithKeyAsync(Target("phone/" + new string('k', 120)), PageKeys.Author);
        await using var session = await browser.OpenPageAsync(new()
        {
            ViewportSize = new() { Width = Width, Height = 800 }, IsMobile = true, HasTouch = true,
        });
        var page = session.Page;
        await page.GotoAsync("/");

        await page.EnterKeyAsync(PageKeys.Author);

        await Expect(page.Locator("#manage-tools")).ToBeVisibleAsync();
        await Expect(page.Locator("#recent-body tr").First).ToBeVisibleAsync();
        Assert.InRange(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), 0, Width);
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("manage-author-phone-375"));
        Assert.Empty(session.Problems);
    }

    private string Target(string path) => new Uri(browser.TargetSite, path).ToString();
}
