namespace ShortUrl.Storage;

/// <summary>Text for a LIKE pattern with a backslash as its escape character (both engines' search statements).</summary>
internal static class LikePattern
{
    /// <summary>The text with its wildcards (<c>%</c>, <c>_</c>) and the escape character escaped, so each matches itself.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
