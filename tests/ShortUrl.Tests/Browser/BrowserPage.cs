using Microsoft.Playwright;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Browser;

/// <summary>
/// A page in its own browser context that remembers what a person would never want to see: dialogs (dismissed at
/// once), console errors and Content-Security-Policy violations.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly List<string> _problems = [];

    private BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public List<string> Dialogs { get; } = [];

    /// <summary>Console errors and CSP violations, in the order they happened.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    public static async Task<BrowserPage> OpenAsync(IBrowserContext context)
    {
        // Runs before any of the page's scripts and outside its CSP, so a violation cannot hide itself.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', (e) =>
              console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`));
            """);
        var page = await context.NewPageAsync();
        var browserPage = new BrowserPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                browserPage.Record(message.Text);
            }
        };
        page.PageError += (_, error) => browserPage.Record("uncaught: " + error);
        page.Dialog += async (_, dialog) =>
        {
            lock (browserPage.Dialogs)
            {
                browserPage.Dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            await dialog.DismissAsync();
        };
        return browserPage;
    }

    /// <summary>Saves a full-page PNG under <c>TestResults/screenshots</c> at the repository root; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(PublishedApp.RepositoryRoot(), "TestResults", "screenshots", name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();

    private void Record(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
