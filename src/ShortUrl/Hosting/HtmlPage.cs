using System.Text.Encodings.Web;
namespace ShortUrl.Hosting;

/// <summary>
/// The server's HTML pages (for browsers that asked for HTML). They share the client's stylesheet and carry no
/// script; every value put into them is HTML-encoded.
/// </summary>
internal static class HtmlPage
{
    /// <summary>A small page of its own: a card with a title, the body and a way home.</summary>
    public static ContentHttpResult Of(int status, string title, string bodyHtml, string homeLinkText = "Shorten a link") => Html(
        status,
        $"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="color-scheme" content="light dark">
          <title>{Encode(title)} · ShortUrl</title>
          <link rel="icon" href="data:,">
          <link rel="stylesheet" href="/app.css">
        </head>
        <body>
          <main class="container page">
            <section class="card">
              <h1 class="card-title">{Encode(title)}</h1>
              {bodyHtml}
              <p class="page-home"><a href="/">{Encode(homeLinkText)}</a></p>
            </section>
          </main>
        </body>
        </html>
        """);

    public static ContentHttpResult Html(int status, string html) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}

/// <summary>
/// The page (<c>wwwroot/index.html</c>), read once, without its script: the template of the pages that answer its
/// form when it was posted without JavaScript, so the form is written once.
/// </summary>
internal sealed class IndexPage(IWebHostEnvironment environment)
{
    private const string Script = """<script type="module" src="/app.js"></script>""";

    private readonly Lazy<string> _html = new(() =>
    {
        var file = environment.WebRootFileProvider.GetFileInfo("index.html");
        using var reader = new StreamReader(file.CreateReadStream());
        var html = reader.ReadToEnd();
        var at = html.IndexOf(Script, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException("wwwroot/index.html does not load /app.js as the page template expects.");
        }

        // The whole line goes: its indentation before, its line break after.
        var lineStart = html.LastIndexOf('\n', at) + 1;
        var lineEnd = html.IndexOf('\n', at);
        return html.Remove(lineStart, (lineEnd < 0 ? html.Length : lineEnd + 1) - lineStart);
    });

    /// <summary>A copy of the page to fill in with <see cref="Fill"/>.</summary>
    public string Html => _html.Value;

    /// <summary>Replaces the one piece of markup the page is known to have; a page that no longer has it is a bug.</summary>
    public static string Fill(string html, string markup, string filled) =>
        html.Contains(markup, StringComparison.Ordinal)
            ? html.Replace(markup, filled, StringComparison.Ordinal)
            : throw new InvalidOperationException($"wwwroot/index.html no longer has {markup}, which the server's pages fill in.");

    /// <summary>Puts <paramref name="inserted"/> right after the first <paramref name="end"/> that follows <paramref name="after"/>.</summary>
    public static string InsertAfter(string html, string after, string end, string inserted)
    {
        var start = html.IndexOf(after, StringComparison.Ordinal);
        var at = start < 0 ? -1 : html.IndexOf(end, start, StringComparison.Ordinal);
        return at < 0
            ? throw new InvalidOperationException($"wwwroot/index.html no longer has {after} … {end}, which the server's pages fill in.")
            : html.Insert(at + end.Length, inserted);
    }
}
