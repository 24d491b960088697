using Microsoft.Playwright;
using ShortUrl.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>Swagger UI in a real Chromium under the policy <c>/swagger</c> is sent with: it renders and can call the API.</summary>
public sealed class TheSwaggerPageInABrowser(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SwaggerUiRendersAndTriesARequestWithoutAPolicyViolation()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/swagger");

        var recent = page.Locator("#operations-Links-RecentLinks");
        await recent.Locator(".opblock-summary").ClickAsync();
        await recent.GetByRole(AriaRole.Button, new() { Name = "Try it out" }).ClickAsync();
        await recent.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        await Expect(recent.Locator(".live-responses-table tr.response td.response-col_status")).ToHaveTextAsync("200", new() { Timeout = 15_000 });
        Assert.Empty(session.Problems);
    }
}
