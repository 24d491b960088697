using System.Net;
using System.Text.RegularExpressions;

namespace ShortUrl.Titles;

/// <summary>The <c>&lt;title&gt;</c> of the start of an HTML page, as a link's title.</summary>
internal static partial class HtmlTitle
{
    /// <returns>The title, entities decoded, white space collapsed, direction overrides dropped, at most 512 characters; null when there is none.</returns>
    public static string? Of(string html)
    {
        var match = TitleElement().Match(html);
        if (!match.Success)
        {
            return null;
        }

        var text = new StringBuilder();
        var pendingSpace = false;
        foreach (var c in WebUtility.HtmlDecode(match.Groups[1].Value))
        {
            if (LinkLabelsInput.OverridesDirection(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            text.Append(c);
        }

        if (text.Length == 0)
        {
            return null;
        }

        var title = text.ToString();
        if (title.Length <= LinkLabelsInput.MaxTitleLength)
        {
            return title;
        }

        // Cut short, never inside a surrogate pair.
        var cut = LinkLabelsInput.MaxTitleLength - 1;
        return title[..(char.IsHighSurrogate(title[cut - 1]) ? cut - 1 : cut)] + "…";
    }

    /// <summary>
    /// The charset a page names for itself in a <c>&lt;meta&gt;</c> near its start, for a page whose headers name none.
    /// </summary>
    public static string? DeclaredCharset(string start) =>
        MetaCharset().Match(start) is { Success: true } match ? match.Groups[1].Value : null;

    // Bounded quantifiers: the input is at most 64 KiB, and a regular expression with a time limit would still be slower.
    [GeneratedRegex(@"<title\b[^>]{0,200}>(.{0,20000}?)</title\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TitleElement();

    [GeneratedRegex(@"<meta\b[^>]{0,300}?charset\s*=\s*[""']?([A-Za-z0-9_\-:.]{1,40})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
