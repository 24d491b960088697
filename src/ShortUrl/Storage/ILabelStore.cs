namespace ShortUrl.Storage;

/// <summary>Titles and tags across links: the tags with their counts, renaming and deleting a tag, filling a fetched title.</summary>
internal interface ILabelStore
{
    /// <summary>
    /// Every tag that at least one link carries, by name, with its counts over the links <paramref name="createdBy"/>
    /// created (every link when null), leaving out links with a password unless <paramref name="withProtected"/>.
    /// </summary>
    Task<IReadOnlyList<TagCount>> TagsAsync(string? createdBy, bool withProtected, CancellationToken cancellationToken);

    /// <summary>Renames a tag on every link that carries it; <paramref name="name"/> may be its own name (nothing changes).</summary>
    Task<(TagEdit Outcome, TagCount? Tag)> RenameTagAsync(string tag, string name, CancellationToken cancellationToken);

    /// <summary>Takes a tag off every link and forgets it; the links stay.</summary>
    Task<TagEdit> DeleteTagAsync(string tag, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the link <paramref name="code"/> <paramref name="title"/>, if it still leads to <paramref name="url"/> and has
    /// no title yet; false when it changed nothing.
    /// </summary>
    Task<bool> FillTitleAsync(string code, string url, string title, CancellationToken cancellationToken);
}

/// <summary>
/// A tag, how many links carry it, and their clicks. Set by property: SQLite names no column type for an empty result,
/// which a constructor would have to match.
/// </summary>
internal sealed record TagCount
{
    public string Tag { get; init; } = "";

    public long Links { get; init; }

    public long Clicks { get; init; }
}

/// <summary>How a rename or delete of a tag ended.</summary>
internal enum TagEdit
{
    Done,

    /// <summary>No link carries the tag.</summary>
    NotFound,

    /// <summary>Links already carry the new name.</summary>
    NameTaken,
}
