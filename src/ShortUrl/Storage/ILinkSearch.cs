namespace ShortUrl.Storage;

/// <summary>Every link, or those matching a search, a page at a time (<c>GET /api/urls</c>).</summary>
internal interface ILinkSearch
{
    Task<LinkPage> SearchAsync(LinkQuery query, CancellationToken cancellationToken);
}

/// <summary>What to look for, in which order, which page; all of it already checked.</summary>
/// <param name="Text">A substring of the code, target, title or a tag, in any case; null: every link.</param>
/// <param name="Tags">Normalised tag names; empty: no filter by tag.</param>
/// <param name="AllTags">Whether a link must carry every tag of <paramref name="Tags"/>, or one of them is enough.</param>
/// <param name="Sort">One of <see cref="LinkSorts.All"/>: created, clicks, code or title, '-' in front for descending.</param>
/// <param name="Offset">How many links of the order to skip.</param>
/// <param name="Limit">How many to return.</param>
/// <param name="CreatedBy">Only the links this key created (an author's list); null: every link.</param>
/// <param name="SeesProtectedLinks">Whether the caller sees the target, title and tags of password-protected links. When
/// not, such a link matches by its code alone (a search by the rest, a tag filter or the order of titles would tell
/// what it hides).</param>
internal sealed record LinkQuery(
    string? Text, IReadOnlyList<string> Tags, bool AllTags, string Sort, long Offset, int Limit, string? CreatedBy, bool SeesProtectedLinks)
{
    /// <summary>The shortest text a trigram index can answer: one trigram.</summary>
    public const int IndexedLength = 3;

    /// <summary>
    /// Whether the text is long enough for the engines' trigram indexes; shorter text is looked for in every link.
    /// Characters as the trigrams count them: code points, not UTF-16 units.
    /// </summary>
    public bool TextHasTrigrams => Text is { } text && text.EnumerateRunes().Count() >= IndexedLength;

    public bool IsNewestFirst => Sort == LinkSorts.Newest;
}

/// <summary>One page of links and how many there are in all.</summary>
internal sealed record LinkPage(IReadOnlyList<Link> Items, long Total);

/// <summary>The orders of a search, as the API names them.</summary>
internal static class LinkSorts
{
    public const string Newest = "-created";

    public static readonly IReadOnlyList<string> All = ["created", "-created", "clicks", "-clicks", "code", "-code", "title", "-title"];
}
