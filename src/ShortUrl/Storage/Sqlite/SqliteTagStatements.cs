namespace ShortUrl.Storage.Sqlite;

/// <summary>The statements of titles and tags (migration 0008), part of <see cref="SqliteStatements"/>.</summary>
internal static partial class SqliteStatements
{
    /// <summary>Adds the tags of @Tags, a JSON array of names, that do not exist yet.</summary>
    public const string AddTags = """
        INSERT INTO tags (name) SELECT value FROM json_each(@Tags) WHERE true
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>Gives the link @UrlId the tags of @Tags (which exist by now), each at its place in the array.</summary>
    public const string TagLink = """
        INSERT INTO link_tags (url_id, tag_id, position)
        SELECT @UrlId, tags.id, given.key FROM json_each(@Tags) AS given JOIN tags ON tags.name = given.value
        WHERE true ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Every tag that at least one link carries, with how many links carry it and their clicks, by name. @CreatedBy,
    /// unless null, keeps only the links that key created; @WithProtected false leaves out links with a password.
    /// </summary>
    public const string TagCounts = $"""
        SELECT tags.name AS Tag, count(*) AS Links, sum({Fragments.AllClicks}) AS Clicks
        FROM tags JOIN link_tags ON link_tags.tag_id = tags.id JOIN urls ON urls.id = link_tags.url_id
        WHERE (@CreatedBy IS NULL OR urls.created_by = @CreatedBy) AND (@WithProtected OR urls.password_hash IS NULL)
        GROUP BY tags.id ORDER BY tags.name
        """;

    /// <summary>One tag with its counts over every link; no row when no link carries it.</summary>
    public const string TagCount = $"""
        SELECT tags.name AS Tag, count(*) AS Links, sum({Fragments.AllClicks}) AS Clicks
        FROM tags JOIN link_tags ON link_tags.tag_id = tags.id JOIN urls ON urls.id = link_tags.url_id
        WHERE tags.name = @TagName
        GROUP BY tags.id
        """;

    /// <summary>
    /// The tag named @TagName, if a link carries it. A tag no link carries any more (its links were deleted or lost it)
    /// counts as unknown, and a rename may take its name.
    /// </summary>
    public const string FindUsedTag = """
        SELECT tags.id FROM tags WHERE tags.name = @TagName AND EXISTS (SELECT 1 FROM link_tags WHERE link_tags.tag_id = tags.id)
        """;

}
