using static ShortUrl.Hosting.HtmlPage;
namespace ShortUrl.Links;

/// <summary>
/// The answers to the page's form when it was posted without JavaScript: the page itself (<see cref="IndexPage"/>)
/// with the new short link shown, or with the form filled in again and the message next to the field it concerns.
/// </summary>
internal sealed class CreatePages(IndexPage index)
{
    private static readonly string[] Fields = ["url", "alias", "expiresAt", "maxClicks", "password"];

    public ContentHttpResult LinkCreated(LinkResponse link)
    {
        var html = Titled(index.Html, "Your short link is ready");
        html = IndexPage.Fill(html, """<section id="result" class="card result-card" aria-labelledby="result-heading" hidden>""",
            """<section id="result" class="card result-card" aria-labelledby="result-heading">""");
        // In the same tab, as the form post was: nothing is left here to come back to.
        html = IndexPage.Fill(html, """<a id="short-link" class="short-link" target="_blank" rel="noopener noreferrer"></a>""",
            $"""<a id="short-link" class="short-link" href="{Encode(link.ShortUrl)}">{Encode(link.ShortUrl)}</a>""");
        // The copy button needs the script; a field to select the link in takes its place.
        html = IndexPage.Fill(html, """<button type="button" id="copy-button" class="button button-primary">Copy</button>""",
            $"""<input type="text" id="short-link-text" readonly aria-label="Select it to copy" value="{Encode(link.ShortUrl)}">""");
        html = IndexPage.Fill(html, """<span id="result-target" class="result-target"></span>""",
            $"""<span id="result-target" class="result-target">{Encode(link.DisplayUrl ?? "")}</span>""");
        html = IndexPage.InsertAfter(html, """id="result-target" """, "</p>", HomeLink("Shorten another link"));
        return Html(StatusCodes.Status201Created, html);
    }

    /// <summary>
    /// A failed form post: the message next to the field it concerns (or above the form), the form again with what was
    /// typed (but the password), so fixing it is one edit away.
    /// </summary>
    public ContentHttpResult CreateFailed(int status, string message, string? field, CreateLinkRequest? entered)
    {
        var html = Titled(index.Html, "That link could not be shortened");
        var typed = new Dictionary<string, string?>
        {
            ["url"] = entered?.Url,
            ["alias"] = entered?.Alias,
            ["expiresAt"] = entered?.ExpiresAt,
            ["maxClicks"] = entered?.MaxClicks?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var fieldOfMessage = Fields.Contains(field) ? field : null;
        foreach (var name in Fields)
        {
            var value = typed.GetValueOrDefault(name) is { Length: > 0 } text ? $" value=\"{Encode(text)}\"" : "";
            var invalid = name == fieldOfMessage ? " aria-invalid=\"true\"" : "";
            html = IndexPage.Fill(html, $"id=\"{name}\" name=\"{name}\"", $"id=\"{name}\" name=\"{name}\"{value}{invalid}");
            if (name == fieldOfMessage)
            {
                html = IndexPage.Fill(html, $"""<p id="{name}-error" class="field-error" hidden></p>""",
                    $"""<p id="{name}-error" class="field-error" role="alert">{Encode(message)}</p>""");
            }
        }

        if (fieldOfMessage is null)
        {
            html = IndexPage.Fill(html, """<p id="form-error" class="form-error" role="alert" hidden></p>""",
                $"""<p id="form-error" class="form-error" role="alert">{Encode(message)}</p>""");
        }

        if (fieldOfMessage is "expiresAt" or "maxClicks" or "password" || entered is { ExpiresAt.Length: > 0 } or { MaxClicks: not null })
        {
            html = IndexPage.Fill(html, """<details id="more-options" class="more-options">""", """<details id="more-options" class="more-options" open>""");
        }

        html = IndexPage.InsertAfter(html, """<form id="shorten-form" """, "</form>", HomeLink("Start over"));
        return Html(status, html);
    }

    private static string Titled(string html, string title) =>
        IndexPage.Fill(html, "<title>ShortUrl — shorten a link</title>", $"<title>{Encode(title)} · ShortUrl</title>");

    private static string HomeLink(string text) => $"""

              <p class="page-home"><a href="/">{Encode(text)}</a></p>
        """;
}
