using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>Setting a link's query forwarding and redirect rules in its edit form, in a real headless Chromium.</summary>
public sealed class EditingRedirectRulesInABrowser(EditingRedirectRulesInABrowser.Fixture browser)
    : IClassFixture<EditingRedirectRulesInABrowser.Fixture>
{
    static EditingRedirectRulesInABrowser() => SetDefaultExpectTimeout(15_000);

    public sealed class Fixture() : BrowserFixture(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    [Fact]
    public async Task ADeviceRuleAndNoForwardingSetOnThePageRedirectAnIPhoneElsewhere()
    {
        var code = (await browser.Api.CreateLinkAsync(Target("everyone"))).Code();
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await OpenManageAsync(page, code);
        await Expect(page.Locator("#manage-forwardQuery")).ToBeCheckedAsync();

        await page.Locator("#manage-forwardQuery").UncheckAsync();
        await page.Locator("#manage-rules-add").ClickAsync();
        await page.Locator("[data-name='rule-url-0']").FillAsync(Target("iphones"));
        await page.Locator("[data-name='cond-value-0-0']").SelectOptionAsync("ios");
        await session.ScreenshotAsync("rules-editor");
        await page.Locator("#manage-save").ClickAsync();

        await Expect(page.Locator("#manage-done")).ToContainTextAsync("Saved.");
        using var details = JsonDocument.Parse(await browser.Api.GetStringAsync($"/api/urls/{code}"));
        Assert.False(details.RootElement.GetProperty("forwardQuery").GetBoolean());
        var rule = Assert.Single(details.RootElement.GetProperty("rules").EnumerateArray());
        Assert.Equal(Target("iphones"), rule.GetProperty("url").GetString());
        var condition = Assert.Single(rule.GetProperty("conditions").EnumerateArray());
        Assert.Equal("device", condition.GetProperty("type").GetString());
        Assert.Equal("ios", condition.GetProperty("value").GetString());

        using var iphone = new HttpRequestMessage(HttpMethod.Get, $"/{code}?src=mail");
        iphone.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148");
        using var toIphone = await browser.Api.SendAsync(iphone);
        Assert.Equal(Target("iphones"), toIphone.Headers.Location?.ToString());
        using var toOthers = await browser.Api.GetAsync($"/{code}?src=mail");
        Assert.Equal(Target("everyone"), toOthers.Headers.Location?.ToString());

        // Shown again from the link's details: the saved rule is in the editor after the save.
        await Expect(page.Locator("[data-name='rule-url-0']")).ToHaveValueAsync(Target("iphones"));
        await Expect(page.Locator("#manage-forwardQuery")).Not.ToBeCheckedAsync();
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task RemovingEveryRuleClearsThemAndABadRuleIsToldNextToTheEditor()
    {
        var code = (await browser.Api.CreateLinkAsync(Target("plain"))).Code();
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await OpenManageAsync(page, code);

        await page.Locator("#manage-rules-add").ClickAsync();
        await page.Locator("[data-name='rule-url-0']").FillAsync("not a link");
        await page.Locator("#manage-save").ClickAsync();
        await Expect(page.Locator("#manage-rules-error")).ToBeVisibleAsync();

        await page.Locator("[data-name='rule-url-0']").FillAsync(Target("french"));
        await page.Locator("[data-name='cond-type-0-0']").SelectOptionAsync("language");
        await page.Locator("[data-name='cond-value-0-0']").FillAsync("fr");
        await page.Locator("#manage-save").ClickAsync();
        await Expect(page.Locator("#manage-done")).ToContainTextAsync("Saved.");
        using (var saved = JsonDocument.Parse(await browser.Api.GetStringAsync($"/api/urls/{code}")))
            Assert.Equal("language", saved.RootElement.GetProperty("rules")[0].GetProperty("conditions")[0].GetProperty("type").GetString());

        await page.Locator("[data-name='rule-remove-0']").ClickAsync();
        await page.Locator("#manage-save").ClickAsync();
        await Expect(page.Locator("#manage-done")).ToContainTextAsync("Saved.");
        using var cleared = JsonDocument.Parse(await browser.Api.GetStringAsync($"/api/urls/{code}"));
        Assert.True(!cleared.RootElement.TryGetProperty("rules", out var rules) || rules.ValueKind == JsonValueKind.Null
            || rules.GetArrayLength() == 0);
    }

    private string Target(string path) => new Uri(browser.TargetSite, path).ToString();

    private static async Task OpenManageAsync(IPage page, string code)
    {
        await page.GotoAsync("/");
        await page.EnterKeyAndAwaitTheAnswerAsync(LinkLifecycleRequests.ApiKey);
        await page.Locator($"#recent-body tr[data-code='{code}'] button[data-stats]").ClickAsync();
        await page.Locator("#manage summary").ClickAsync();
        await Expect(page.Locator("#manage-url")).ToBeVisibleAsync();
    }
}
