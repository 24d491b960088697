using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ShortUrl;

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

    public static ContentHttpResult Page(int status, string title, string bodyHtml) => TypedResults.Content(
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
          <main class="page">
            <h1>{Encode(title)}</h1>
            {bodyHtml}
            <p><a href="/">Shorten a link</a></p>
          </main>
        </body>
        </html>
        """,
        "text/html; charset=utf-8",
        statusCode: status);

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
