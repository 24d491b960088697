using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>The list of links shows each link's title above its target and its tags below, as text.</summary>
public sealed class TitlesAndTagsInABrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    static TitlesAndTagsInABrowser() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task ARowShowsTheTitleAndTheTagsOfItsLink()
    {
        await browser.Api.PostAsJsonAsync("/api/urls", new
        {
            url = $"{browser.TargetSite}labelled", alias = "labelled-row", title = "The launch post", tags = new[] { "news", "launch 2026" },
        });
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;

        await page.GotoAsync("/");

        var row = page.Locator("#recent-body tr[data-code='labelled-row']");
        await Expect(row.Locator(".link-title")).ToHaveTextAsync("The launch post");
        await Expect(row.GetByRole(AriaRole.List, new() { Name = "Tags" }).GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["news", "launch 2026"]);
        await Expect(row.Locator(".truncate")).ToHaveTextAsync($"{browser.TargetSite}labelled");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ALinkWithoutTitleOrTagsShowsItsTargetAlone()
    {
        await browser.Api.PostAsJsonAsync("/api/urls", new { url = $"{browser.TargetSite}bare", alias = "bare-row" });
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;

        await page.GotoAsync("/");

        var row = page.Locator("#recent-body tr[data-code='bare-row']");
        await Expect(row.Locator(".truncate")).ToHaveTextAsync($"{browser.TargetSite}bare");
        await Expect(row.Locator(".link-title, .link-tags")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnXssShapedTitleIsShownAsTextAndNeverRuns()
    {
        const string title = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
        await browser.Api.PostAsJsonAsync("/api/urls", new { url = $"{browser.TargetSite}xss-title", alias = "xss-title", title });
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;

        await page.GotoAsync("/");

        await Expect(page.Locator("#recent-body tr[data-code='xss-title'] .link-title")).ToHaveTextAsync(title);
        Assert.Equal(0, await page.Locator("#recent-body img, #recent-body script").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.pwned ?? null"));
    }
}
