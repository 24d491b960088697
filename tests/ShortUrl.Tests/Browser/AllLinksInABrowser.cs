using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Web;
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
        var token = Token();
        for (var i = 0; i < 25; i++)
        {
            await CreateAsync($"{token}-{i:D2}", Target($"page/{i}"));
        }

        var titled = $"{token}-titled";
        await CreateAsync(titled, Target("titled"), title: "Quarterly report", tags: [$"{token}-news", "q3 report"]);
        await ClickAsync(titled, 7);
        await using var session = await OpenAsync();
        var page = session.Page;

        await SearchAsync(page, token);

        var row = page.Locator($"#all-links-body tr[data-code='{titled}']");
        await Expect(row.Locator(".link-title")).ToHaveTextAsync("Quarterly report");
        await Expect(row.Locator(".link-target")).ToHaveTextAsync(Target("titled"));
        await Expect(row.Locator(".tag")).ToHaveTextAsync([$"{token}-news", "q3 report"]);
        await Expect(row.Locator(".cell-clicks .count")).ToHaveTextAsync("7");
        await Expect(row.Locator(".short-url")).ToHaveTextAsync($"/{titled}");
        await Expect(row.Locator(".short-url")).ToHaveAttributeAsync("href", $"{browser.BaseAddress}{titled}");
        await Expect(page.Locator("#all-links-body tr")).ToHaveCountAsync(20);
        await Expect(page.Locator("#all-links-page")).ToHaveTextAsync("Page 1 of 2 · 26 links");
        await Expect(page.Locator("#all-links-table th[data-sort='created']")).ToHaveAttributeAsync("aria-sort", "descending");
        // A visitor reads; only key holders edit.
        await Expect(page.Locator("#all-links-body button[data-edit]")).ToHaveCountAsync(0);
        Assert.True(
            await page.Locator("#all-links .table-scroll").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"),
            "the all-links table should not scroll sideways on a desktop");
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("all-links-1280"));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TypingASearchWaitsForAPauseRatherThanAskingPerLetterAndShowsWhatMatches()
    {
        var token = Token();
        await CreateAsync($"{token}-kiwi", Target("fruit/kiwi"));
        await CreateAsync($"{token}-plum", Target("fruit/plum"));
        await using var session = await OpenAsync();
        var page = session.Page;
        var searches = Searches(page);

        // A loaded machine may show the row from an early search ("…-kiw" matches it too): wait for the whole word's.
        await page.RunAndWaitForResponseAsync(
            () => page.Locator("#all-links-q").PressSequentiallyAsync($"{token}-kiwi", new() { Delay = 40 }),
            response => response.Url.Contains($"q={token}-kiwi&", StringComparison.Ordinal));

        await ExpectCodesAsync(page.Locator("#all-links-body tr"), $"{token}-kiwi");
        await Expect(page.Locator("#all-links-page")).ToHaveTextAsync("Page 1 of 1 · 1 link");
        // A loaded machine may pause the typing long enough for an early search or two; never one per letter.
        Assert.Equal($"q={token}-kiwi&page=1&pageSize=20&sort=-created", searches[^1]);
        Assert.True(searches.Count < $"{token}-kiwi".Length / 2, $"{searches.Count} searches for one typed word: {string.Join(", ", searches)}");

        await page.Locator("#all-links-q").FillAsync($"{token}-no-such-thing");
        await page.Locator("#all-links-q").PressAsync("Enter");
        await Expect(page.Locator("#all-links-empty")).ToHaveTextAsync("No links match this search.");
        await Expect(page.Locator("#all-links-body tr")).ToHaveCountAsync(0);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TheSortableHeadersAreButtonsThatTurnTheOrderAroundAndSaySoWithAriaSort()
    {
        var token = Token();
        foreach (var (name, clicks) in new[] { ("b", 5), ("a", 9), ("c", 1) })
        {
            await CreateAsync($"{token}-{name}", Target(name));
            await ClickAsync($"{token}-{name}", clicks);
        }

        await using var session = await OpenAsync();
        var page = session.Page;
        await SearchAsync(page, token);
        var rows = page.Locator("#all-links-body tr");
        await Expect(rows).ToHaveCountAsync(3);
        var searches = Searches(page);

        var clicksHeader = page.Locator("#all-links-table th[data-sort='clicks']");
        await clicksHeader.GetByRole(AriaRole.Button).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(clicksHeader).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(page.Locator("#all-links-table th[aria-sort]")).ToHaveCountAsync(1);
        await ExpectCodesAsync(rows, $"{token}-a", $"{token}-b", $"{token}-c");

        await page.Keyboard.PressAsync("Enter");
        await Expect(clicksHeader).ToHaveAttributeAsync("aria-sort", "ascending");
        await ExpectCodesAsync(rows, $"{token}-c", $"{token}-b", $"{token}-a");

        await page.Locator("#all-links-table th[data-sort='code'] button").ClickAsync();
        await Expect(page.Locator("#all-links-table th[data-sort='code']")).ToHaveAttributeAsync("aria-sort", "ascending");
        await ExpectCodesAsync(rows, $"{token}-a", $"{token}-b", $"{token}-c");
        Assert.Equal(["-clicks", "clicks", "code"], searches.Select(search => HttpUtility.ParseQueryString(search)["sort"]!));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task NextAndPreviousPageThroughTheLinksAndThePageSizeCanGrow()
    {
        var token = Token();
        for (var i = 0; i < 45; i++)
        {
            await CreateAsync($"{token}-{i:D2}", Target($"paged/{i}"));
        }

        await using var session = await OpenAsync();
        var page = session.Page;
        await SearchAsync(page, token);
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
        var token = Token();
        string news = $"{token}-news", docs = $"{token}-docs";
        await CreateAsync($"{token}-both", Target("both"), tags: [news, docs]);
        await CreateAsync($"{token}-news-only", Target("news"), tags: [news]);
        await CreateAsync($"{token}-docs-only", Target("docs"), tags: [docs]);
        await CreateAsync($"{token}-untagged", Target("none"));
        await using var session = await OpenAsync();
        var page = session.Page;
        var newsChip = Chip(page, news);
        var docsChip = Chip(page, docs);
        await Expect(newsChip).ToHaveTextAsync($"{news} 2 links");
        await Expect(docsChip).ToHaveTextAsync($"{docs} 2 links");
        var searches = Searches(page);

        await newsChip.ClickAsync();
        await Expect(newsChip).ToHaveAttributeAsync("aria-pressed", "true");
        await ExpectCodesAsync(page.Locator("#all-links-body tr"), $"{token}-news-only", $"{token}-both");
        await Expect(page.Locator("#all-links-tag-all")).ToBeHiddenAsync();

        await docsChip.ClickAsync();
        await ExpectCodesAsync(page.Locator("#all-links-body tr"), $"{token}-docs-only", $"{token}-news-only", $"{token}-both");
        await page.Locator("#all-links-tag-all").CheckAsync();
        await ExpectCodesAsync(page.Locator("#all-links-body tr"), $"{token}-both");
        Assert.StartsWith($"tag={news}&tag={docs}&tagMode=all&page=1", searches[^1]);

        // A tag in a row shows only its links.
        await page.Locator($"#all-links-body tr[data-code='{token}-both'] .tag", new() { HasTextString = docs }).ClickAsync();
        await ExpectCodesAsync(page.Locator("#all-links-body tr"), $"{token}-docs-only", $"{token}-both");
        await Expect(docsChip).ToBeFocusedAsync();
        await Expect(newsChip).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AKeyHolderEditsTheTitleAndTagsInTheRowByKeyboardAlone()
    {
        var token = Token();
        var code = $"{token}-edit";
        await CreateAsync(code, Target("edit"), title: "Old title", tags: ["old"]);
        await using var session = await OpenAsync(PageKeys.Admin);
        var page = session.Page;
        await SearchAsync(page, token);
        var patches = Patches(page);
        var row = page.Locator($"#all-links-body tr[data-code='{code}']");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var title = row.GetByRole(AriaRole.Textbox, new() { Name = $"Title of /{code}" });
        await Expect(title).ToBeFocusedAsync();
        await Expect(title).ToHaveValueAsync("Old title");
        await page.Keyboard.PressAsync("ControlOrMeta+a");
        await page.Keyboard.TypeAsync("New title");
        await page.Keyboard.PressAsync("Tab");
        var tags = row.GetByRole(AriaRole.Textbox, new() { Name = $"Tags of /{code}, separated by commas" });
        await Expect(tags).ToBeFocusedAsync();
        await Expect(tags).ToHaveValueAsync("old");
        await page.Keyboard.PressAsync("ControlOrMeta+a");
        await page.Keyboard.TypeAsync($"{token}-News,  Q3   Report ");
        await page.Keyboard.PressAsync("Enter");

        await Expect(row.Locator(".link-title")).ToHaveTextAsync("New title");
        await Expect(row.Locator(".tag")).ToHaveTextAsync([$"{token}-news", "q3 report"]);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToBeFocusedAsync();
        var (body, key) = Assert.Single(patches);
        Assert.Equal(PageKeys.Admin, key);
        Assert.Equal($$"""{"title":"New title","tags":["{{token}}-News","Q3   Report"]}""", body);
        await Expect(Chip(page, $"{token}-news")).ToHaveTextAsync($"{token}-news 1 link");
        var stored = await browser.Api.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal("New title", stored.GetProperty("title").GetString());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task EscapePutsTheRowBackUnchangedAndAnEmptiedTitleIsCleared()
    {
        var token = Token();
        var code = $"{token}-keep";
        await CreateAsync(code, Target("keep"), PageKeys.Author, title: "Keep this", tags: ["kept"]);
        await using var session = await OpenAsync(PageKeys.Author);
        var page = session.Page;
        await Expect(page.Locator("#all-links-heading")).ToHaveTextAsync("All your links");
        await SearchAsync(page, token);
        var patches = Patches(page);
        var row = page.Locator($"#all-links-body tr[data-code='{code}']");
        var edit = row.GetByRole(AriaRole.Button, new() { Name = "Edit" });

        await edit.ClickAsync();
        await row.Locator("input[data-edit-field='title']").FillAsync("Not this");
        await page.Keyboard.PressAsync("Escape");
        await Expect(row.Locator("input")).ToHaveCountAsync(0);
        await Expect(row.Locator(".link-title")).ToHaveTextAsync("Keep this");
        await Expect(edit).ToBeFocusedAsync();
        Assert.Empty(patches);

        await edit.ClickAsync();
        await row.Locator("input[data-edit-field='title']").FillAsync("");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(row.Locator(".link-title")).ToHaveTextAsync("");
        await Expect(row.Locator(".tag")).ToHaveTextAsync(["kept"]);
        Assert.Equal("""{"title":null}""", Assert.Single(patches).Body);
        var stored = await browser.Api.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("title").ValueKind);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TheServersWordsOnABadTagShowNextToTheTagsFieldAndNothingChanges()
    {
        var token = Token();
        var code = $"{token}-bad";
        await CreateAsync(code, Target("bad"), tags: ["fine"]);
        await using var session = await OpenAsync(PageKeys.Admin);
        var page = session.Page;
        await SearchAsync(page, token);
        var row = page.Locator($"#all-links-body tr[data-code='{code}']");

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        var tags = row.Locator("input[data-edit-field='tags']");
        await tags.FillAsync("fine, no/slashes");
        await tags.PressAsync("Enter");

        await Expect(row.Locator(".cell-tags .field-error")).ToContainTextAsync("'no/slashes' is not a tag");
        await Expect(tags).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(tags).ToBeFocusedAsync();
        await Expect(tags).ToHaveValueAsync("fine, no/slashes");
        var stored = await browser.Api.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal(["fine"], stored.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        // Chromium reports the 400 itself as a console error; nothing else may show up.
        Assert.All(session.Problems, problem => Assert.Contains("status of 400", problem));
    }

    [Fact]
    public async Task OnAPhoneEachLinkIsACardSortedFromASelectAndNothingScrollsSideways()
    {
        const int Width = 375;
        var token = Token();
        await CreateAsync($"{token}-phone", Target("phone/" + new string('p', 150)));
        await using var session = await OpenAsync(PageKeys.Admin, new()
        {
            ViewportSize = new() { Width = Width, Height = 800 }, IsMobile = true, HasTouch = true,
        });
        var page = session.Page;
        await SearchAsync(page, token);
        var card = page.Locator($"#all-links-body tr[data-code='{token}-phone']");

        await Expect(card.Locator(".link-target")).ToBeVisibleAsync();
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

    [Theory]
    [InlineData(1280, false)]
    [InlineData(390, true)]
    public async Task ATagOfSixtyFourCharactersStaysInsideItsRowAndItsChipInsideThePage(int width, bool phone)
    {
        var token = Token();
        var longTag = (token + "-" + new string('x', 64))[..64];
        await CreateAsync($"{token}-long", Target("long-tag"), tags: ["short", longTag]);
        await using var session = await OpenAsync(options: new()
        {
            ViewportSize = new() { Width = width, Height = 844 }, IsMobile = phone, HasTouch = phone,
        });
        var page = session.Page;
        await SearchAsync(page, token);

        var row = page.Locator($"#all-links-body tr[data-code='{token}-long']");
        var tag = row.Locator($".tag[data-tag='{longTag}']");
        await Expect(tag).ToBeVisibleAsync();
        var tagBox = (await tag.BoundingBoxAsync())!;
        var cellBox = (await row.Locator(".cell-tags").BoundingBoxAsync())!;
        Assert.InRange(tagBox.X + tagBox.Width, 0, cellBox.X + cellBox.Width + 1);
        var chip = Chip(page, longTag);
        await Expect(chip).ToHaveCountAsync(1);
        var chipBox = (await chip.BoundingBoxAsync())!;
        Assert.InRange(chipBox.X + chipBox.Width, 0, width);
        Assert.InRange(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), 0, width);
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync($"all-links-long-tag-{width}"));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ALookAlikeHostIsSpelledInAsciiInTheTable()
    {
        var token = Token();
        await CreateAsync($"{token}-look", "https://аррӏе.com/sign-in");
        await using var session = await OpenAsync();
        var page = session.Page;

        await SearchAsync(page, token);

        await Expect(page.Locator($"#all-links-body tr[data-code='{token}-look'] .link-target")).ToHaveTextAsync("https://xn--80ak6aa92e.com/sign-in");
        Assert.DoesNotContain("аррӏе", await page.Locator("#all-links").InnerTextAsync());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AnAuthorKeyListsOnlyItsOwnLinksUnderItsOwnHeading()
    {
        var token = Token();
        await CreateAsync($"{token}-hers", Target("hers"), PageKeys.Author);
        await CreateAsync($"{token}-root", Target("root"), PageKeys.Admin);
        await using var session = await OpenAsync(PageKeys.Author);
        var page = session.Page;

        await SearchAsync(page, token);

        await Expect(page.Locator("#all-links-heading")).ToHaveTextAsync("All your links");
        await ExpectCodesAsync(page.Locator("#all-links-body tr"), $"{token}-hers");
        await Expect(page.Locator("#all-links-body button[data-edit]")).ToHaveCountAsync(1);
        Assert.Empty(session.Problems);
    }

    /// <summary>The page, with <paramref name="key"/> entered when given, once the table has answered.</summary>
    private async Task<BrowserPage> OpenAsync(string? key = null, BrowserNewContextOptions? options = null)
    {
        var session = await browser.OpenPageAsync(options ?? new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        await session.Page.GotoAsync("/");
        if (key is not null)
        {
            await session.Page.EnterKeyAndAwaitTheAnswerAsync(key);
        }

        await Expect(session.Page.Locator("#all-links")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("#all-links-table")).Not.ToHaveAttributeAsync("aria-busy", "true");
        return session;
    }

    private async Task CreateAsync(string alias, string url, string key = PageKeys.Admin, string? title = null, string[]? tags = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls") { Content = JsonContent.Create(new { url, alias, title, tags }) };
        request.Headers.Add("X-Api-Key", key);
        using var response = await browser.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task ClickAsync(string code, int times)
    {
        for (var i = 0; i < times; i++)
        {
            (await browser.Api.GetAsync($"/{code}")).Dispose();
        }

        await browser.Service.FlushClicksAsync();
    }

    private static ILocator Chip(IPage page, string tag) => page.Locator($"#all-links-tag-list button[data-chip='{tag}']");

    /// <summary>The bodies and keys of the PATCHes the page sends from now on.</summary>
    private static List<(string Body, string? Key)> Patches(IPage page)
    {
        var patches = new List<(string, string?)>();
        page.Request += (_, request) =>
        {
            if (request.Method == "PATCH")
            {
                patches.Add((request.PostData ?? "", request.Headers.TryGetValue("x-api-key", out var key) ? key : null));
            }
        };
        return patches;
    }

    /// <summary>A word no other test's links hold: each test finds its own links by it.</summary>
    private static string Token() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Searches for <paramref name="text"/> at once (Enter) and waits for the answer.</summary>
    private static async Task SearchAsync(IPage page, string text)
    {
        // Filling the box starts the debounced search too, and on a loaded machine it may answer before Enter (which
        // then has nothing new to ask): either answer for the whole text will do.
        await page.RunAndWaitForResponseAsync(
            async () =>
            {
                await page.Locator("#all-links-q").FillAsync(text);
                await page.Locator("#all-links-q").PressAsync("Enter");
            },
            response => response.Url.Contains("/api/urls?", StringComparison.Ordinal)
                && response.Url.Contains("q=" + Uri.EscapeDataString(text), StringComparison.Ordinal));
        await Expect(page.Locator("#all-links-table")).Not.ToHaveAttributeAsync("aria-busy", "true");
    }

    /// <summary>The query strings of the searches the page sends from now on.</summary>
    private static List<string> Searches(IPage page)
    {
        var searches = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/urls?", StringComparison.Ordinal))
            {
                searches.Add(new Uri(request.Url).Query.TrimStart('?'));
            }
        };
        return searches;
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
