using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>Editing, deleting, importing and exporting links from the page, with the service's API key, in a real headless Chromium.</summary>
public sealed class ManagingLinksInABrowser(ManagingLinksInABrowser.Fixture browser, ITestOutputHelper output)
    : IClassFixture<ManagingLinksInABrowser.Fixture>
{
    static ManagingLinksInABrowser() => SetDefaultExpectTimeout(15_000);

    public sealed class Fixture() : BrowserFixture(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task EditingTheTargetWithTheRightKeyChangesWhereTheLinkGoes()
    {
        var code = await CreateAsync("before-edit");
        await using var session = await browser.OpenPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = session.Page;
        await OpenManageAsync(page, code, LinkLifecycleRequests.ApiKey);
        await Expect(page.Locator("#stats-preview")).ToHaveAttributeAsync("href", $"/{code}+");

        await page.Locator("#manage-url").FillAsync(Target("after-edit"));
        await page.Locator("#manage-save").ClickAsync();

        await Expect(page.Locator("#manage-done")).ToContainTextAsync("Saved.");
        await Expect(page.Locator($"#recent-body tr[data-code='{code}'] .truncate")).ToHaveTextAsync(Target("after-edit"));
        using var redirect = await browser.Api.GetAsync($"/{code}");
        Assert.Equal(Target("after-edit"), redirect.Headers.Location?.ToString());
        Assert.Equal(LinkLifecycleRequests.ApiKey, await page.EvaluateAsync<string>("sessionStorage.getItem('shorturl.apiKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length"));
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("manage-desktop-1280"));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task OpeningTheStatsOfAnotherLinkTurnsTheEditFormToThatLinkAfresh()
    {
        var first = await CreateAsync("first-of-two");
        var second = await CreateAsync("second-of-two");
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await OpenManageAsync(page, first, LinkLifecycleRequests.ApiKey);
        await page.Locator("#manage-url").FillAsync(Target("meant-for-the-first"));
        await page.Locator("#manage-delete").ClickAsync();

        await page.Locator($"#recent-body tr[data-code='{second}'] button[data-stats]").ClickAsync();

        await Expect(page.Locator("#stats-heading")).ToHaveTextAsync($"Stats of /{second}");
        await Expect(page.Locator("#stats-preview")).ToHaveAttributeAsync("href", $"/{second}+");
        await Expect(page.Locator("#manage-url")).ToHaveValueAsync("");
        await Expect(page.Locator("#manage-confirm")).ToBeHiddenAsync();
        await Expect(page.Locator("#manage-confirm-text")).ToHaveTextAsync($"Delete /{second} for good?");
        await page.Locator("#manage-url").FillAsync(Target("second-edited"));
        await page.Locator("#manage-save").ClickAsync();
        await Expect(page.Locator("#manage-done")).ToHaveTextAsync($"Saved. /{second} follows the change from its next visit.");
        using var firstRedirect = await browser.Api.GetAsync($"/{first}");
        Assert.Equal(Target("first-of-two"), firstRedirect.Headers.Location?.ToString());
        using var secondRedirect = await browser.Api.GetAsync($"/{second}");
        Assert.Equal(Target("second-edited"), secondRedirect.Headers.Location?.ToString());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AWrongKeyIsToldInPlainWordsAndChangesNothing()
    {
        var code = await CreateAsync("kept-as-is");
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await OpenManageAsync(page, code, "not-the-key");

        await page.Locator("#manage-url").FillAsync(Target("hijacked"));
        await page.Locator("#manage-save").ClickAsync();

        await Expect(page.Locator("#manage-error")).ToHaveTextAsync("That API key is not one this service accepts. Check it and try again.");
        using var redirect = await browser.Api.GetAsync($"/{code}");
        Assert.Equal(Target("kept-as-is"), redirect.Headers.Location?.ToString());

        await page.Locator("#api-key-forget").ClickAsync();
        await Expect(page.Locator("#api-key")).ToHaveValueAsync("");
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('shorturl.apiKey')"));
        // Chromium reports the 403 itself as a console error; nothing else may show up.
        Assert.All(session.Problems, problem => Assert.Contains("status of 403", problem));
    }

    [Fact]
    public async Task DeletingThroughThePageAfterConfirmingRemovesTheRow()
    {
        var code = await CreateAsync("to-be-deleted");
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await OpenManageAsync(page, code, LinkLifecycleRequests.ApiKey);

        await page.Locator("#manage-delete").ClickAsync();
        await Expect(page.Locator("#manage-confirm-text")).ToHaveTextAsync($"Delete /{code} for good?");
        await page.Locator("#manage-delete-confirm").ClickAsync();

        await Expect(page.Locator("#manage-done")).ToHaveTextAsync($"/{code} is deleted.");
        await Expect(page.Locator($"#recent-body tr[data-code='{code}']")).ToHaveCountAsync(0);
        using var gone = await browser.Api.GetAsync($"/api/urls/{code}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ImportingACsvShowsTheReportAndTheNewLinks()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await OpenToolsAsync(page);
        var csv = $"url,alias\n{Target("imported")},imported-in-page\nnot a url,bad-row\n";

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "links.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.Locator("#import-submit").ClickAsync();

        await Expect(page.Locator("#import-summary")).ToHaveTextAsync("1 created, 0 skipped, 1 rejected.");
        await Expect(page.Locator("#import-rows li").Nth(0)).ToHaveTextAsync("Row 2: created /imported-in-page");
        await Expect(page.Locator("#import-rows li").Nth(1)).ToContainTextAsync("Row 3: rejected: url");
        await Expect(page.Locator("#recent-body tr[data-code='imported-in-page'] .truncate")).ToHaveTextAsync(Target("imported"));
        Assert.Empty(session.Problems);
    }

    [Theory]
    [InlineData("csv", "code,shortUrl,url,createdAt,clicks,botClicks")]
    [InlineData("json", "[")]
    public async Task TheExportLinksDownloadEveryLink(string format, string start)
    {
        var code = await CreateAsync("exported-" + format);
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await OpenToolsAsync(page);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"#export-{format}").ClickAsync());

        Assert.Equal($"shorturl-links.{format}", download.SuggestedFilename);
        var content = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith(start, content);
        Assert.Contains(code, content);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task OnAPhoneTheManagementPartsFitWithoutScrollingSideways()
    {
        const int Width = 375;
        var code = await CreateAsync("phone-manage/" + new string('m', 120));
        await using var session = await browser.OpenPageAsync(new()
        {
            ViewportSize = new() { Width = Width, Height = 800 }, IsMobile = true, HasTouch = true,
        });
        var page = session.Page;
        await OpenManageAsync(page, code, LinkLifecycleRequests.ApiKey);
        await page.Locator("#manage-delete").ClickAsync();

        Assert.InRange(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), 0, Width);
        Assert.InRange(await page.EvaluateAsync<int>("document.body.scrollWidth"), 0, Width);
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("manage-phone-375"));
        Assert.Empty(session.Problems);
    }

    private string Target(string path) => new Uri(browser.TargetSite, path).ToString();

    private async Task<string> CreateAsync(string path) => (await browser.Api.CreateLinkAsync(Target(path))).Code();

    /// <summary>Opens the page and enters the key: import and export show once the service accepts it.</summary>
    private static async Task OpenToolsAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.EnterKeyAsync(LinkLifecycleRequests.ApiKey);
        await Expect(page.Locator("#manage-tools")).ToBeVisibleAsync();
    }

    private static async Task OpenManageAsync(IPage page, string code, string apiKey)
    {
        await page.GotoAsync("/");
        await page.EnterKeyAndAwaitTheAnswerAsync(apiKey);
        await page.Locator($"#recent-body tr[data-code='{code}'] button[data-stats]").ClickAsync();
        await page.Locator("#manage summary").ClickAsync();
        await Expect(page.Locator("#manage-url")).ToBeVisibleAsync();
    }
}
