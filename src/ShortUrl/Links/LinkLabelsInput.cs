namespace ShortUrl.Links;

/// <summary>A link's title and tags as people send them (on create, on edit, in an import), checked and normalised.</summary>
internal static class LinkLabelsInput
{
    public const int MaxTitleLength = 512;
    public const int MaxTagLength = 64;
    public const int MaxTagsPerLink = 20;

    /// <returns>The field and why it is wrong, or null when both are fine (then <paramref name="labels"/> holds them).</returns>
    public static (string Field, string Message)? Validate(string? title, IReadOnlyList<string?>? tags, out LinkLabels labels)
    {
        labels = LinkLabels.None;
        if (ValidateTitle(title, out var cleanTitle) is { } titleProblem)
        {
            return ("title", titleProblem);
        }

        if (ValidateTags(tags, out var cleanTags) is { } tagsProblem)
        {
            return ("tags", tagsProblem);
        }

        if (cleanTitle is not null || cleanTags.Count > 0)
        {
            labels = new LinkLabels(cleanTitle, cleanTags);
        }

        return null;
    }

    /// <param name="text">The title; surrounding white space is dropped, and empty or null means none.</param>
    /// <param name="title">The title to store, or null for none.</param>
    /// <returns>Why it cannot be used, or null.</returns>
    public static string? ValidateTitle(string? text, out string? title)
    {
        title = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (title is null)
        {
            return null;
        }

        if (title.Length > MaxTitleLength)
        {
            title = null;
            return $"'title' is longer than {MaxTitleLength} characters.";
        }

        if (title.Any(char.IsControl))
        {
            title = null;
            return "'title' must not contain control characters (line breaks, tabs, ...).";
        }

        if (title.Any(OverridesDirection))
        {
            title = null;
            return "'title' must not contain bidirectional embedding, override or isolate characters (U+202A to U+202E, "
                + "U+2066 to U+2069): they can make a title read backwards, as in a file name made to look like another.";
        }

        return null;
    }

    /// <summary>
    /// A character that reorders the text after it. Right-to-left letters never need one; the marks (U+200E, U+200F)
    /// and joiners, which emoji and some scripts do need, are left alone.
    /// </summary>
    public static bool OverridesDirection(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <param name="given">The tags as given; null means none.</param>
    /// <param name="tags">Each normalised, in the order given, without repeats.</param>
    /// <returns>Why they cannot be used, or null.</returns>
    public static string? ValidateTags(IReadOnlyList<string?>? given, out IReadOnlyList<string> tags)
    {
        tags = [];
        if (given is null || given.Count == 0)
        {
            return null;
        }

        var names = new List<string>(given.Count);
        foreach (var raw in given)
        {
            if (Normalise(raw) is not { } name)
            {
                return $"'{Shorten(raw)}' is not a tag: a tag is 1 to {MaxTagLength} characters of a-z, 0-9, '-', '_' "
                    + "and spaces between words (letters are made lower-case).";
            }

            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        if (names.Count > MaxTagsPerLink)
        {
            return $"A link has at most {MaxTagsPerLink} tags; {names.Count} were given.";
        }

        tags = names;
        return null;
    }

    /// <summary>
    /// A tag as it is stored: trimmed, lower-case, runs of white space inside made one space; null when what is left is
    /// empty, longer than <see cref="MaxTagLength"/>, or has a character other than a-z, 0-9, '-', '_' and those spaces.
    /// </summary>
    public static string? Normalise(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var name = new StringBuilder(raw.Length);
        var pendingSpace = false;
        foreach (var c in raw.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            // Only ASCII letters are lowered: another letter is refused below rather than turned into one (the Kelvin
            // sign into 'k', say).
            var lower = c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
            if (lower is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            {
                return null;
            }

            if (pendingSpace)
            {
                name.Append(' ');
                pendingSpace = false;
            }

            name.Append(lower);
        }

        return name.Length is > 0 and <= MaxTagLength ? name.ToString() : null;
    }

    private static string Shorten(string? raw) => raw is null ? "null" : raw.Length <= 40 ? raw : raw[..40] + "…";
}
