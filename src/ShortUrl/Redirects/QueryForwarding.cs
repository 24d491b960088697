namespace ShortUrl.Redirects;

/// <summary>
/// Appends the query string a short link was followed with to its target's <c>Location</c>: after the target's own
/// query (joined by one '&amp;') or as its query (after one '?'), and before the target's fragment, which stays last.
/// </summary>
internal static class QueryForwarding
{
    /// <param name="location">The target's ASCII <c>Location</c>, as the redirect index holds it.</param>
    /// <param name="query">The request's query string, with or without its leading '?'.</param>
    /// <returns><paramref name="location"/> itself when there is nothing to forward.</returns>
    public static string Append(string location, string? query)
    {
        var forwarded = Clean(query);
        if (forwarded.Length == 0)
        {
            return location;
        }

        var hash = location.IndexOf('#');
        var beforeFragment = hash < 0 ? location.AsSpan() : location.AsSpan(0, hash);
        var fragment = hash < 0 ? ReadOnlySpan<char>.Empty : location.AsSpan(hash);
        var separator = beforeFragment.IndexOf('?') < 0 ? "?"
            : beforeFragment[^1] is '?' or '&' ? ""
            : "&";
        return string.Concat(beforeFragment, separator, forwarded, fragment);
    }

    /// <summary>
    /// The query without its '?' and the '&amp;'s at its ends, percent-encoded where it holds what a <c>Location</c> may
    /// not (non-ASCII, spaces, controls, '#'); what was percent-encoded already stays as it was.
    /// </summary>
    internal static string Clean(string? query)
    {
        var text = (query ?? "").AsSpan().TrimStart('?').Trim('&');
        if (text.IsEmpty)
        {
            return "";
        }

        var clean = true;
        foreach (var c in text)
        {
            if (!IsAllowed(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text.ToString();
        }

        var builder = new StringBuilder(text.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsAllowed(c))
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? Encoding.UTF8.GetBytes(text.Slice(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(char.IsSurrogate(c) ? "\uFFFD" : c.ToString(), utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return builder.ToString();
    }

    /// <summary>What RFC 3986 allows in a query as it is, '%' included (the start of an escape the client made).</summary>
    private static bool IsAllowed(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '='
            or ':' or '@' or '/' or '?' or '%';
}
