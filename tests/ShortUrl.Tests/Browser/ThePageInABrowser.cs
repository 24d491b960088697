using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ShortUrl.Tests.Browser;

/// <summary>The browser client driven through a real headless Chromium, as a person would use it.</summary>
public sealed class ThePageInABrowser(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    static ThePageInABrowser() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task ShorteningThroughTheFormShowsTheLinkAndFollowingItLandsOnTheTarget()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        var target = Target("article?id=42");
        await page.GotoAsync("/");

        await ShortenAsync(page, target);

        var shortUrl = await page.Locator("#short-link").TextContentAsync();
        Assert.Matches($"^{Regex.Escape(browser.BaseAddress.ToString())}[A-Za-z0-9]{{7}}$", shortUrl);
        Assert.Equal(shortUrl, await page.Locator("#short-link").GetAttributeAsync("href"));
        await Expect(page.Locator("#result-target")).ToHaveTextAsync(target);

        var landed = await page.Context.RunAndWaitForPageAsync(() => page.Locator("#short-link").ClickAsync());
        await landed.WaitForLoadStateAsync();
        Assert.Equal(target, landed.Url);
        await Expect(landed.Locator("#landed")).ToHaveTextAsync("Landed on /article?id=42");

        await browser.Service.FlushClicksAsync();
        var link = await browser.Api.GetFromJsonAsync<JsonElement>("/api/urls/" + shortUrl![^7..]);
        Assert.Equal(1, link.GetProperty("clicks").GetInt64());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TheCopyButtonsPutTheShortLinkOnTheClipboard()
    {
        await using var session = await browser.OpenPageAsync(new() { Permissions = ["clipboard-read", "clipboard-write"] });
        var page = session.Page;
        await page.GotoAsync("/");
        await ShortenAsync(page, Target("copied"), alias: "copy-me");

        var copyButton = page.Locator("#copy-button");
        Assert.True(await ReadsAfterAsync(copyButton, "Copied!", () => copyButton.ClickAsync()), "the copy button should say Copied!");
        Assert.Equal($"{browser.BaseAddress}copy-me", await ClipboardAsync(page));

        await Expect(page.Locator("#live-status")).ToHaveTextAsync("Copied!");
        var row = page.Locator("#recent-body tr[data-code='copy-me']");
        await page.EvaluateAsync("navigator.clipboard.writeText('something else')");
        var rowButton = row.GetByRole(AriaRole.Button, new() { Name = "Copy" });
        Assert.True(await ReadsAfterAsync(rowButton, "Copied!", () => rowButton.ClickAsync()), "the row's copy button should say Copied!");
        Assert.Equal($"{browser.BaseAddress}copy-me", await ClipboardAsync(page));
    }

    [Fact]
    public async Task TheRecentTableShowsANewLinkFirstRightAfterItIsCreated()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        var target = Target("recent/" + new string('x', 300));
        await page.GotoAsync("/");
        await Expect(page.Locator("#recent-table")).Not.ToHaveAttributeAsync("aria-busy", "true");

        await ShortenAsync(page, target, alias: "fresh-row");

        var first = page.Locator("#recent-body tr").First;
        await Expect(first).ToHaveAttributeAsync("data-code", "fresh-row");
        await Expect(first.Locator(".short-url")).ToHaveTextAsync($"{browser.BaseAddress.Authority}/fresh-row");
        await Expect(first.Locator(".short-url")).ToHaveAttributeAsync("href", $"{browser.BaseAddress}fresh-row");
        await Expect(first.Locator(".truncate")).ToHaveTextAsync(target);
        await Expect(first.Locator(".truncate")).ToHaveAttributeAsync("title", target);
        await Expect(first.Locator("td.num .count")).ToHaveTextAsync("0");
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = "Open" })).ToHaveAttributeAsync("href", $"{browser.BaseAddress}fresh-row");
        var targetCell = await first.Locator(".truncate").EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth");
        Assert.True(targetCell, "a 300-character target should be cut short in its cell, with the full text on hover");
        await Expect(page.Locator("#recent-empty")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task WithoutKeysThePageHasNoManageSectionNorEditForm()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");
        await ShortenAsync(page, Target("no-keys-here"), alias: "no-keys-here");

        await page.Locator("#recent-body tr[data-code='no-keys-here'] button[data-stats]").ClickAsync();

        await Expect(page.Locator("#stats-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#manage")).ToBeHiddenAsync();
        await Expect(page.Locator("#manage-card")).ToBeHiddenAsync();
        await Expect(page.Locator("#recent-heading")).ToHaveTextAsync("Recent links");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task AnUnsupportedUrlShowsTheServersMessageNextToTheUrlField()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await page.Locator("#url").FillAsync("ftp://x");
        await page.Locator("#submit-button").ClickAsync();

        await Expect(page.Locator("#url-error")).ToHaveTextAsync("Only http and https URLs can be shortened.");
        await Expect(page.Locator("#url")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#url")).ToBeFocusedAsync();
        await Expect(page.Locator("#result")).ToBeHiddenAsync();
        await Expect(page.Locator("#form-error")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ATakenAliasShowsTheMessageNextToTheAliasField()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await browser.Api.PostAsJsonAsync("/api/urls", new { url = Target("first"), alias = "already-mine" });
        await page.GotoAsync("/");

        await page.Locator("#url").FillAsync(Target("second"));
        await page.Locator("#alias").FillAsync("already-mine");
        await page.Locator("#submit-button").ClickAsync();

        await Expect(page.Locator("#alias-error")).ToHaveTextAsync("The alias 'already-mine' is already taken; choose another.");
        await Expect(page.Locator("#url-error")).ToBeHiddenAsync();
        await Expect(page.Locator("#url")).ToHaveValueAsync(Target("second"));
    }

    [Theory]
    [InlineData("https://example.com/<img src=x onerror=\"window.pwned=1;alert(1)\">")]
    [InlineData("https://example.com/?q=\"><script>window.pwned=2;alert(2)</script>")]
    [InlineData("https://example.com/#'><svg onload=alert(3)>")]
    public async Task AnXssShapedTargetIsShownAsTextAndNeverRuns(string target)
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        await page.GotoAsync("/");

        await ShortenAsync(page, target);

        await Expect(page.Locator("#result-target")).ToHaveTextAsync(target);
        var code = (await page.Locator("#short-link").TextContentAsync())![^7..];
        await Expect(page.Locator($"#recent-body tr[data-code='{code}'] .truncate")).ToHaveTextAsync(target);
        Assert.Equal(0, await page.Locator("img, script:not([src]), iframe, main svg, #recent-body svg").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("window.pwned ?? null"));
        Assert.Empty(session.Dialogs);
    }

    [Fact]
    public async Task WithoutJavaScriptThePlainFormPostShowsAResultPageWhoseLinkWorks()
    {
        await using var session = await browser.OpenPageAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        var target = Target("no-script?x=<b>&y=2");
        await page.GotoAsync("/");

        await page.Locator("#url").FillAsync(target);
        await page.Locator("#alias").FillAsync("no-js");
        var response = await SubmitWithoutScriptAsync(page);

        Assert.Equal(201, response.Status);
        Assert.Equal($"{browser.BaseAddress}api/urls", page.Url);
        await Expect(page.Locator("#result-heading")).ToHaveTextAsync("Your short link is ready");
        await Expect(page.Locator("#short-link")).ToHaveTextAsync($"{browser.BaseAddress}no-js");
        await Expect(page.Locator("#short-link-text")).ToHaveValueAsync($"{browser.BaseAddress}no-js");
        await Expect(page.Locator("#result-target")).ToHaveTextAsync(target);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Shorten another link" })).ToHaveAttributeAsync("href", "/");
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("no-script-result"));

        await page.Locator("#short-link").ClickAsync();
        await Expect(page.Locator("#landed")).ToHaveTextAsync("Landed on /no-script?x=%3Cb%3E&y=2");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task WithoutJavaScriptABadUrlShowsTheMessageAndTheFormToFixIt()
    {
        await using var session = await browser.OpenPageAsync(new() { JavaScriptEnabled = false });
        var page = session.Page;
        await page.GotoAsync("/");

        await page.Locator("#url").FillAsync("ftp://x");
        var failed = await SubmitWithoutScriptAsync(page);

        Assert.Equal(400, failed.Status);
        await Expect(page.Locator("#url-error")).ToHaveTextAsync("Only http and https URLs can be shortened.");
        await Expect(page.Locator("#url")).ToHaveValueAsync("ftp://x");
        output.WriteLine("Screenshot: " + await session.ScreenshotAsync("no-script-error"));

        await page.Locator("#url").FillAsync(Target("fixed"));
        var fixedUp = await SubmitWithoutScriptAsync(page);

        Assert.Equal(201, fixedUp.Status);
        await Expect(page.Locator("#result-target")).ToHaveTextAsync(Target("fixed"));
    }

    [Fact]
    public async Task KeyboardAloneShortensALinkAndCopiesIt()
    {
        await using var session = await browser.OpenPageAsync(new() { Permissions = ["clipboard-read", "clipboard-write"] });
        var page = session.Page;
        await page.GotoAsync("/");

        await Expect(page.Locator("#url")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(Target("typed"));
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#alias")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("by-keys");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#submit-button")).ToBeFocusedAsync();
        Assert.True(await HasVisibleFocusAsync(page.Locator("#submit-button")), "the focused button should show a focus ring");
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#short-link")).ToHaveTextAsync($"{browser.BaseAddress}by-keys");
        await Expect(page.Locator("#short-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#copy-button")).ToBeFocusedAsync();
        Assert.True(await HasVisibleFocusAsync(page.Locator("#copy-button")), "the focused copy button should show a focus ring");
        Assert.True(await ReadsAfterAsync(page.Locator("#copy-button"), "Copied!", () => page.Keyboard.PressAsync("Enter")), "the copy button should say Copied!");
        Assert.Equal($"{browser.BaseAddress}by-keys", await ClipboardAsync(page));
    }

    [Theory]
    [InlineData(375)]
    [InlineData(768)]
    public async Task OnAPhoneOrATabletThePageNeverScrollsSideways(int width)
    {
        await SeedLongLinksAsync();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var session = await browser.OpenPageAsync(new()
            {
                ViewportSize = new() { Width = width, Height = 800 },
                IsMobile = true,
                HasTouch = true,
                ColorScheme = scheme,
            });
            var page = session.Page;
            await page.GotoAsync("/");
            await ShortenAsync(page, Target("phone/" + new string('p', 200)));
            await Expect(page.Locator("#recent-body tr").First).ToBeVisibleAsync();

            Assert.InRange(await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), 0, width);
            Assert.InRange(await page.EvaluateAsync<int>("document.body.scrollWidth"), 0, width);
            foreach (var label in new[] { "Copy", "Open" })
            {
                var box = await page.Locator("#recent-body tr").First.GetByText(label, new() { Exact = true }).BoundingBoxAsync();
                Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width, $"the row's {label} action should be on screen, was at {box?.X}+{box?.Width}");
            }

            output.WriteLine("Screenshot: " + await session.ScreenshotAsync($"{(width < 600 ? "phone" : "tablet")}-{width}-{scheme.ToString().ToLowerInvariant()}"));
            Assert.Empty(session.Problems);
        }
    }

    [Fact]
    public async Task PastingALinkAndPressingEnterShortensIt()
    {
        await using var session = await browser.OpenPageAsync(new() { Permissions = ["clipboard-read", "clipboard-write"] });
        var page = session.Page;
        await page.GotoAsync("/");
        await page.EvaluateAsync("url => navigator.clipboard.writeText(url)", Target("pasted"));
        // Autofocus lands at the page's next paint, which a busy machine can put after the load event.
        await Expect(page.Locator("#url")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("ControlOrMeta+V");
        await Expect(page.Locator("#url")).ToHaveValueAsync(Target("pasted"));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#result-target")).ToHaveTextAsync(Target("pasted"));
        await Expect(page.Locator("#url")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task OnADesktopEveryColumnOfTheRecentTableFitsWithoutScrolling()
    {
        await SeedLongLinksAsync();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var session = await browser.OpenPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, ColorScheme = scheme });
            var page = session.Page;
            await page.GotoAsync("/");
            await ShortenAsync(page, Target("desktop/" + new string('d', 200)));
            await Expect(page.Locator("#recent-body tr").First).ToBeVisibleAsync();

            var scroller = page.Locator(".recent-card .table-scroll");
            Assert.True(await scroller.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the recent table should not scroll sideways on a desktop");
            var area = (await scroller.BoundingBoxAsync())!;
            foreach (var column in new[] { "Short link", "Target", "Created", "Clicks", "Actions" })
            {
                var header = (await page.Locator("#recent-table th", new() { HasTextString = column }).BoundingBoxAsync())!;
                Assert.True(header.X >= area.X && header.X + header.Width <= area.X + area.Width + 1, $"the {column} column should be inside the table's area");
            }

            output.WriteLine("Screenshot: " + await session.ScreenshotAsync($"desktop-1280-{scheme.ToString().ToLowerInvariant()}"));
            Assert.Empty(session.Problems);
        }
    }

    [Theory]
    [InlineData("light", true)]
    [InlineData("dark", false)]
    public async Task TheThemeFollowsTheSystemAndKeepsTextReadable(string scheme, bool expectLightBackground)
    {
        await using var session = await browser.OpenPageAsync(new() { ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light });
        var page = session.Page;
        await page.GotoAsync("/");
        await ShortenAsync(page, Target("theme"));

        var card = await page.Locator("#shorten-heading").EvaluateAsync<double[]>(ContrastScript);
        Assert.Equal(expectLightBackground, card[1] > 0.5);
        string[] texts =
        [
            "#url", ".tagline", "label[for=url]", ".field-hint", "#submit-button", "#short-link", "#result-target",
            ".result-target-line .muted", "#recent-table th", "#recent-body td", ".cell-created time",
        ];
        foreach (var selector in texts)
        {
            var ratio = (await page.Locator(selector).First.EvaluateAsync<double[]>(ContrastScript))[0];
            Assert.True(ratio >= 4.5, $"{selector} has a contrast of {ratio:0.00} in the {scheme} theme; WCAG AA asks for 4.5");
        }
    }

    [Fact]
    public async Task ThePageLoadsNothingFromElsewhereAndBreaksNoRuleOfItsContentSecurityPolicy()
    {
        await using var session = await browser.OpenPageAsync();
        var page = session.Page;
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await page.GotoAsync("/");

        await ShortenAsync(page, Target("policy"));
        await page.Locator("#refresh-button").ClickAsync();
        await Expect(page.Locator("#recent-table")).Not.ToHaveAttributeAsync("aria-busy", "true");

        Assert.Contains(requested, url => url.EndsWith("/app.js", StringComparison.Ordinal));
        Assert.All(requested, url => Assert.True(url.StartsWith(browser.BaseAddress.ToString(), StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
        Assert.Empty(session.Problems);
    }

    // [WCAG contrast of an element's text against the first opaque background behind it, that background's luminance].
    private const string ContrastScript = """
        (e) => {
          const luminance = (color) => {
            const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map((v) => {
              const c = Number(v) / 255;
              return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          let node = e, back = 'rgba(0, 0, 0, 0)';
          while (node && /rgba\(.*, 0\)|transparent/.test(back)) {
            back = getComputedStyle(node).backgroundColor;
            node = node.parentElement;
          }
          const [text, behind] = [luminance(getComputedStyle(e).color), luminance(back)];
          return [(Math.max(text, behind) + 0.05) / (Math.min(text, behind) + 0.05), behind];
        }
        """;

    private string Target(string path) => new Uri(browser.TargetSite, path).ToString();

    /// <summary>Shortens through the form and waits until the result shows and the new link heads the recent table.</summary>
    private static async Task ShortenAsync(IPage page, string url, string? alias = null)
    {
        await page.Locator("#url").FillAsync(url);
        if (alias is not null)
        {
            await page.Locator("#alias").FillAsync(alias);
        }

        await page.Locator("#submit-button").ClickAsync();
        await Expect(page.Locator("#result")).ToBeVisibleAsync();
        await Expect(page.Locator("#result-target")).ToHaveTextAsync(url.Trim());
        var code = (await page.Locator("#short-link").TextContentAsync())!.Split('/')[^1];
        await Expect(page.Locator("#recent-body tr").First).ToHaveAttributeAsync("data-code", code);
        await Expect(page.Locator("#recent-table")).Not.ToHaveAttributeAsync("aria-busy", "true");
    }

    /// <summary>Submits the form as a browser without JavaScript does; returns the answer to the post.</summary>
    private static async Task<IResponse> SubmitWithoutScriptAsync(IPage page)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("#submit-button").ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/api/urls", StringComparison.Ordinal));
        // The answer's page has replaced the form once its URL is the post's; what it shows, the callers' Expect
        // calls wait for. (A wait for the load event once timed out on a busy machine after the event had come.)
        await page.WaitForURLAsync("**/api/urls", new() { WaitUntil = WaitUntilState.Commit });
        return response;
    }

    /// <summary>
    /// Runs <paramref name="act"/> and tells whether <paramref name="element"/> read <paramref name="text"/> at some moment
    /// after it. Copy feedback lasts two seconds, which a busy machine can let pass between two of Playwright's checks,
    /// so the page watches the element itself. The element is held from before the act, whose feedback may rename it.
    /// </summary>
    private static async Task<bool> ReadsAfterAsync(ILocator element, string text, Func<Task> act)
    {
        var held = await element.ElementHandleAsync();
        await held.EvaluateAsync("""
            (element, text) => {
                element.readsText = new Promise(resolve => {
                    const watch = new MutationObserver(() => {
                        if (element.textContent === text) { watch.disconnect(); resolve(true); }
                    });
                    watch.observe(element, { childList: true, characterData: true, subtree: true });
                    setTimeout(() => { watch.disconnect(); resolve(false); }, 15000);
                });
            }
            """, text);
        await act();
        return await held.EvaluateAsync<bool>("element => element.readsText");
    }

    private static Task<string> ClipboardAsync(IPage page) => page.EvaluateAsync<string>("navigator.clipboard.readText()");

    private static Task<bool> HasVisibleFocusAsync(ILocator element) => element.EvaluateAsync<bool>(
        "e => { const s = getComputedStyle(e); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }");

    /// <summary>Links whose long targets and codes would push a careless layout wider than the screen.</summary>
    private async Task SeedLongLinksAsync()
    {
        string[] targets =
        [
            Target("a/really/long/path/that/goes/on/" + string.Join('/', Enumerable.Repeat("segment", 30))),
            Target("?" + string.Join('&', Enumerable.Range(1, 40).Select(i => $"parameter{i}=value{i}"))),
            "https://learn.microsoft.com/en-us/aspnet/core/fundamentals/minimal-apis/responses",
        ];
        foreach (var (target, index) in targets.Select((t, i) => (t, i)))
        {
            var response = await browser.Api.PostAsJsonAsync("/api/urls", new { url = target, alias = $"long-{index}-{new string('a', 50)}" });
            Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode == 409, $"seeding failed: {(int)response.StatusCode}");
        }
    }
}
