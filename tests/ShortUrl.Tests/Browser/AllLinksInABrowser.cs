using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>
/// The all-links table (issue 18, item 3) in a real headless Chromium: search as one types, tag chips, sortable
/// headers, pages, inline title and tag edits for key holders, and the phone layout as cards.
/// </summary>
public sealed class AllLinksInABrowser(AllLinksInABrowser.Fixture browser, ITestOutputHelper output)
    : IClassFixture<AllLinksInABrowser.Fixture>
{
    static AllLinksInABrowser() => SetDefaultExpectTimeout(15_000);

    public sealed class Fixture() : BrowserFixture(PageKeys.With(("ShortUrl:RateLimit:PermitLimit", "0")));

    [Fact]
    public async Task TheTableShowsEachLinkWithItsTitleTagsAndClicksAndTheTotal()
    {
        var links = Links(25);
        links.Add("titled", Target("titled"), title: "Quarterly report", tags: ["news", "q3 report"], clicks: 7, createdAt: DateTimeOffset.UtcNow.AddMinutes(1));
        await using var session = await OpenAsync(links);
        var page = session.Page;

        var row = page.Locator("#all-links-body tr[data-code='titled']");
        await Expect(row.Locator(".link-title")).ToHaveTextAsync("Quarterly report");
        await Expect(row.Locator(".link-target")).ToHaveTextAsync(Target("titled"));
        await Expect(row.Locator(".tag")).ToHaveTextAsync(["news", "q3 report"]);
        await Expect(row.Locator(".cell-clicks .count")).ToHaveTextAsync("7");
        await Expect(row.Locator(".short-url")).ToHaveTextAsync("/titled");
        await Expect(row.Locator(".short-url")).ToHaveAttributeAsync("href", $"{browser.BaseAddress}titled");
        await Expect(page.Locator("#all-links-body tr")).ToHaveCountAsync(20);
        await Expect(page.Locator("#all-links-page")).ToHaveTextAsync("Page 1 of 2 · 26 links");
        await Expect(page.Locator("#all-links-table th[data-sort='created']")).ToHaveAttributeAsync("aria-sort", "descending");
        // A visitor reads; only key holders edit.
        await Expect(page.Locator("#all-links-body button[data-edit]")).ToHaveCountAsync(0);
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("all-links-1280"));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TypingASearchAsksOnceWhenTheTypingPausesAndShowsWhatMatches()
    {
        var links = Links(5);
        links.Add("kiwi-link", Target("fruit/kiwi"));
        var stand = links;
        await using var session = await OpenAsync(stand);
        var page = session.Page;
        await Expect(page.Locator("#all-links-body tr")).ToHaveCountAsync(6);

        await page.Locator("#all-links-q").PressSequentiallyAsync("kiwi", new() { Delay = 40 });

        await Expect(page.Locator("#all-links-body tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#all-links-body tr")).ToHaveAttributeAsync("data-code", "kiwi-link");
        await Expect(page.Locator("#all-links-page")).ToHaveTextAsync("Page 1 of 1 · 1 link");
        Assert.Equal(["q=kiwi&page=1&pageSize=20&sort=-created"], stand.Searches.Where(search => search.Contains("q=")));

        await page.Locator("#all-links-q").FillAsync("no such thing");
        await page.Locator("#all-links-q").PressAsync("Enter");
        await Expect(page.Locator("#all-links-empty")).ToHaveTextAsync("No links match this search.");
        await Expect(page.Locator("#all-links-body tr")).ToHaveCountAsync(0);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TheSortableHeadersAreButtonsThatTurnTheOrderAroundAndSaySoWithAriaSort()
    {
        var links = new SearchStandIn(browser.BaseAddress)
            .Add("bbb", Target("b"), title: "Banana", clicks: 5)
            .Add("aaa", Target("a"), title: "Cherry", clicks: 9)
            .Add("ccc", Target("c"), title: "Apple", clicks: 1);
        await using var session = await OpenAsync(links);
        var page = session.Page;
        var rows = page.Locator("#all-links-body tr");
        await Expect(rows).ToHaveCountAsync(3);

        var clicks = page.Locator("#all-links-table th[data-sort='clicks']");
        await clicks.GetByRole(AriaRole.Button).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(clicks).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(page.Locator("#all-links-table th[data-sort='created']")).Not.ToHaveAttributeAsync("aria-sort", new System.Text.RegularExpressions.Regex("."));
        await ExpectCodesAsync(rows, "aaa", "bbb", "ccc");

        await page.Keyboard.PressAsync("Enter");
        await Expect(clicks).ToHaveAttributeAsync("aria-sort", "ascending");
        await ExpectCodesAsync(rows, "ccc", "bbb", "aaa");

        await page.Locator("#all-links-table th[data-sort='title'] button").ClickAsync();
        await Expect(page.Locator("#all-links-table th[data-sort='title']")).ToHaveAttributeAsync("aria-sort", "ascending");
        await ExpectCodesAsync(rows, "ccc", "bbb", "aaa");
        Assert.Equal(["-created", "-clicks", "clicks", "title"], links.Searches.Select(search => System.Web.HttpUtility.ParseQueryString(search)["sort"]!).Distinct());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task NextAndPreviousPageThroughTheLinksAndThePageSizeCanGrow()
    {
        await using var session = await OpenAsync(Links(45));
        var page = session.Page;
        await Expect(page.Locator("#all-links-page")).ToHaveTextAsync("Page 1 of 3 · 45 links");
        await Expect(page.Locator("#all-links-previous")).ToBeDisabledAsync();

        await page.Locator("#all-links-next").ClickAsync();
        await Expect(page.Locator("#all-links-page")).ToHaveTextAsync("Page 2 of 3 · 45 links");
        await page.Locator("#all-links-next").ClickAsync();
        await Expect(page.Locator("#all-links-page")).ToHaveTextAsync("Page 3 of 3 · 45 links");
        await Expect(page.Locator("#all-links-body tr")).ToHaveCountAsync(5);
        await Expect(page.Locator("#all-links-next")).ToBeDisabledAsync();
        // The button pressed turned off: the focus stays among the page buttons, not back at the page's start.
        await Expect(page.Locator("#all-links-previous")).ToBeFocusedAsync();

        await page.Locator("#all-links-page-size").SelectOptionAsync("50");
        await Expect(page.Locator("#all-links-page")).ToHaveTextAsync("Page 1 of 1 · 45 links");
        await Expect(page.Locator("#all-links-body tr")).ToHaveCountAsync(45);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TagChipsShowOnlyTheLinksWithAnyOrEveryChosenTag()
    {
        var links = new SearchStandIn(browser.BaseAddress)
            .Add("both", Target("both"), tags: ["news", "docs"])
            .Add("news-only", Target("news"), tags: ["news"])
            .Add("docs-only", Target("docs"), tags: ["docs"])
            .Add("untagged", Target("none"));
        await using var session = await OpenAsync(links);
        var page = session.Page;
        var chips = page.Locator("#all-links-tag-list button");
        await Expect(chips).ToHaveTextAsync(["docs 2 links", "news 2 links"]);

        await chips.Nth(1).ClickAsync();
        await Expect(chips.Nth(1)).ToHaveAttributeAsync("aria-pressed", "true");
        await ExpectCodesAsync(page.Locator("#all-links-body tr"), "both", "news-only");
        await Expect(page.Locator("#all-links-tag-all")).ToBeHiddenAsync();

        await chips.Nth(0).ClickAsync();
        await ExpectCodesAsync(page.Locator("#all-links-body tr"), "both", "news-only", "docs-only");
        await page.Locator("#all-links-tag-all").CheckAsync();
        await ExpectCodesAsync(page.Locator("#all-links-body tr"), "both");
        Assert.Contains("tag=news&tag=docs&tagMode=all&page=1", links.Searches[^1]);

        // A tag in a row shows only its links.
        await page.Locator("#all-links-body tr[data-code='both'] .tag", new() { HasTextString = "docs" }).ClickAsync();
        await ExpectCodesAsync(page.Locator("#all-links-body tr"), "both", "docs-only");
        await Expect(chips.Nth(0)).ToBeFocusedAsync();
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AKeyHolderEditsTheTitleAndTagsInTheRowByKeyboardAlone()
    {
        var links = new SearchStandIn(browser.BaseAddress).Add("edit-me", Target("edit"), title: "Old title", tags: ["old"]);
        await using var session = await OpenAsync(links, PageKeys.Admin);
        var page = session.Page;
        var row = page.Locator("#all-links-body tr[data-code='edit-me']");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var title = row.GetByRole(AriaRole.Textbox, new() { Name = "Title of /edit-me" });
        await Expect(title).ToBeFocusedAsync();
        await Expect(title).ToHaveValueAsync("Old title");
        await page.Keyboard.PressAsync("ControlOrMeta+a");
        await page.Keyboard.TypeAsync("New title");
        await page.Keyboard.PressAsync("Tab");
        var tags = row.GetByRole(AriaRole.Textbox, new() { Name = "Tags of /edit-me, separated by commas" });
        await Expect(tags).ToBeFocusedAsync();
        await tags.FillAsync("News,  Q3 Report ");
        await page.Keyboard.PressAsync("Enter");

        await Expect(row.Locator(".link-title")).ToHaveTextAsync("New title");
        await Expect(row.Locator(".tag")).ToHaveTextAsync(["news", "q3 report"]);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToBeFocusedAsync();
        var (code, body, key) = Assert.Single(links.Patches);
        Assert.Equal("edit-me", code);
        Assert.Equal(PageKeys.Admin, key);
        Assert.Equal("""{"title":"New title","tags":["News","Q3 Report"]}""", body);
        await Expect(page.Locator("#all-links-tag-list button")).ToHaveTextAsync(["news 1 link", "q3 report 1 link"]);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task EscapePutsTheRowBackUnchangedAndAnEmptiedTitleIsCleared()
    {
        var links = new SearchStandIn(browser.BaseAddress).Add("keep-me", Target("keep"), title: "Keep this", tags: ["kept"]);
        await using var session = await OpenAsync(links, PageKeys.Author);
        var page = session.Page;
        await Expect(page.Locator("#all-links-heading")).ToHaveTextAsync("All your links");
        var row = page.Locator("#all-links-body tr[data-code='keep-me']");
        var edit = row.GetByRole(AriaRole.Button, new() { Name = "Edit" });

        await edit.ClickAsync();
        await row.Locator("input[data-edit-field='title']").FillAsync("Not this");
        await page.Keyboard.PressAsync("Escape");
        await Expect(row.Locator("input")).ToHaveCountAsync(0);
        await Expect(row.Locator(".link-title")).ToHaveTextAsync("Keep this");
        await Expect(edit).ToBeFocusedAsync();
        Assert.Empty(links.Patches);

        await edit.ClickAsync();
        await row.Locator("input[data-edit-field='title']").FillAsync("");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row.Locator(".link-title")).ToHaveTextAsync("");
        Assert.Equal("""{"title":null}""", Assert.Single(links.Patches).Body);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TheServersWordsOnABadTagShowNextToTheTagsField()
    {
        var links = new SearchStandIn(browser.BaseAddress).Add("bad-tag", Target("bad"), tags: ["fine"]);
        links.RefusePatch = (400, "tags", "A tag may hold only letters, digits, '-', '_' and inner spaces.");
        await using var session = await OpenAsync(links, PageKeys.Admin);
        var page = session.Page;
        var row = page.Locator("#all-links-body tr[data-code='bad-tag']");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var tags = row.Locator("input[data-edit-field='tags']");
        await tags.FillAsync("fine, no/slashes");
        await tags.PressAsync("Enter");

        await Expect(row.Locator(".cell-tags .field-error")).ToHaveTextAsync("A tag may hold only letters, digits, '-', '_' and inner spaces.");
        await Expect(tags).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(tags).ToBeFocusedAsync();
        await Expect(tags).ToHaveValueAsync("fine, no/slashes");
        // Chromium reports the 400 itself as a console error; nothing else may show up.
        Assert.All(session.Problems, problem => Assert.Contains("status of 400", problem));
    }

    [Fact]
    public async Task OnAPhoneEachLinkIsACardSortedFromASelectAndNothingScrollsSideways()
    {
        const int Width = 375;
        var links = Links(3);
        links.Add("phone-card", Target("phone/" + new string('p', 150)), title: "A title long enough to be cut short on a phone screen", tags: ["mobile", "a-rather-long-tag-name"]);
        await using var session = await OpenAsync(links, PageKeys.Admin, new()
        {
            ViewportSize = new() { Width = Width, Height = 800 }, IsMobile = true, HasTouch = true,
        });
        var page = session.Page;
        var card = page.Locator("#all-links-body tr[data-code='phone-card']");

        await Expect(card.Locator(".link-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#all-links-table thead")).ToBeHiddenAsync();
        await Expect(page.Locator("#all-links-sort")).ToBeVisibleAsync();
        Assert.InRange(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), 0, Width);
        await page.Locator("#all-links-sort").SelectOptionAsync("-clicks");
        await Expect(page.Locator("#all-links-table th[data-sort='clicks']")).ToHaveAttributeAsync("aria-sort", "descending");
        await card.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(card.Locator("input[data-edit-field='tags']")).ToBeVisibleAsync();
        Assert.InRange(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), 0, Width);
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("all-links-phone-375"));
        Assert.Empty(session.Problems);
    }

    private SearchStandIn Links(int count)
    {
        var links = new SearchStandIn(browser.BaseAddress);
        for (var i = 0; i < count; i++)
        {
            links.Add($"link{i:D3}", Target($"page/{i}"), clicks: i);
        }

        return links;
    }

    private async Task<BrowserPage> OpenAsync(SearchStandIn links, string? key = null, BrowserNewContextOptions? options = null)
    {
        var session = await browser.OpenPageAsync(options ?? new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await links.AttachAsync(session.Page);
        await session.Page.GotoAsync("/");
        if (key is not null)
        {
            await session.Page.EnterKeyAndAwaitTheAnswerAsync(key);
        }

        await Expect(session.Page.Locator("#all-links")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("#all-links-table")).Not.ToHaveAttributeAsync("aria-busy", "true");
        return session;
    }

    private static async Task ExpectCodesAsync(ILocator rows, params string[] codes)
    {
        await Expect(rows).ToHaveCountAsync(codes.Length);
        for (var i = 0; i < codes.Length; i++)
        {
            await Expect(rows.Nth(i)).ToHaveAttributeAsync("data-code", codes[i]);
        }
    }

    private string Target(string path) => new Uri(browser.TargetSite, path).ToString();
}
