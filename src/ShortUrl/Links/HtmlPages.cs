using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
namespace ShortUrl.Links;

/// <summary>
/// The few server-rendered pages (for browsers that asked for HTML). They share the client's stylesheet and
/// carry no script; every value put into them is HTML-encoded.
/// </summary>
public static class HtmlPages
{
    public static ContentHttpResult LinkNotFound(string code) => Page(
        StatusCodes.Status404NotFound,
        "Link not found",
        $"<p>There is no short link <code>/{Encode(code)}</code>. It may have been mistyped.</p>");

    /// <summary>The answer to the page's form when it was posted without JavaScript.</summary>
    public static ContentHttpResult LinkCreated(LinkResponse link) => Page(
        StatusCodes.Status201Created,
        "Your short link is ready",
        $"""
        <p><a id="short-link" class="short-link" href="{Encode(link.ShortUrl)}">{Encode(link.ShortUrl)}</a></p>
        <div class="field">
          <label for="short-link-text">Select it to copy</label>
          <input type="text" id="short-link-text" readonly value="{Encode(link.ShortUrl)}">
        </div>
        <p class="result-target-line"><span class="muted">Points to</span> <span id="result-target" class="result-target">{Encode(link.Url ?? "")}</span></p>
        """,
        "Shorten another link");

    /// <summary>
    /// A failed form post without JavaScript: the message, next to the field it concerns, in the form again with what
    /// was typed, so fixing it is one edit away.
    /// </summary>
    public static ContentHttpResult CreateFailed(int status, string message, string? field, CreateLinkRequest? entered)
    {
        var urlError = field == "url" ? message : null;
        var aliasError = field == "alias" ? message : null;
        var formError = urlError is null && aliasError is null
            ? $"""<p id="form-error" class="form-error" role="alert">{Encode(message)}</p>"""
            : "";
        return Page(
            status,
            "That link could not be shortened",
            $"""
            <form id="shorten-form" class="shorten-form" action="/api/urls" method="post">
              {formError}
              <div class="field">
                <label for="url">Long URL</label>
                <input type="url" id="url" name="url" required value="{Encode(entered?.Url ?? "")}"{Invalid("url", urlError)}>
                {FieldError("url", urlError)}
              </div>
              <div class="field">
                <label for="alias">Custom alias <span class="optional">(optional)</span></label>
                <input type="text" id="alias" name="alias" value="{Encode(entered?.Alias ?? "")}"{Invalid("alias", aliasError)}>
                {FieldError("alias", aliasError)}
              </div>
              <button type="submit" id="submit-button" class="button button-primary">Try again</button>
            </form>
            """,
            "Start over");
    }

    public static ContentHttpResult Page(int status, string title, string bodyHtml, string homeLinkText = "Shorten a link") => TypedResults.Content(
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
        """,
        "text/html; charset=utf-8",
        statusCode: status);

    /// <summary>
    /// A browser's plain form post (the page without JavaScript): form fields, and HTML preferred over JSON. Scripts
    /// and the page's own fetch ask for JSON or text, so they never get here.
    /// </summary>
    public static bool IsBrowserFormPost(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return false;
        }

        double html = 0, json = 0;
        foreach (var accept in request.GetTypedHeaders().Accept)
        {
            var quality = accept.Quality ?? 1;
            if (accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
                || accept.MediaType.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, quality);
            }
            else if (accept.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || accept.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, quality);
            }
        }

        return html > 0 && html > json;
    }

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static string Invalid(string field, string? error) =>
        error is null ? "" : $" aria-invalid=\"true\" aria-describedby=\"{field}-error\"";

    private static string FieldError(string field, string? error) =>
        error is null ? "" : $"""<p id="{field}-error" class="field-error" role="alert">{Encode(error)}</p>""";
}
