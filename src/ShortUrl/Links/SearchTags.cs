using System.Text.RegularExpressions;

namespace ShortUrl.Links;

/// <summary>Tags to filter by, as the contract has tag names: trimmed, lower-case, inner whitespace one space, of a-z, 0-9, '-', '_'.</summary>
internal static partial class SearchTags
{
    public const int MaxLength = 64;

    /// <summary>The normalised name, or null when <paramref name="tag"/> is not one.</summary>
    public static string? Normalise(string tag)
    {
        var name = Whitespace().Replace(tag.Trim().ToLowerInvariant(), " ");
        return name.Length is >= 1 and <= MaxLength && Allowed().IsMatch(name) ? name : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^[a-z0-9_-]+( [a-z0-9_-]+)*$")]
    private static partial Regex Allowed();
}
