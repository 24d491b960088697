namespace ShortUrl.Storage.Postgres;

/// <summary>The statements of titles and tags (migration 0008), part of <see cref="PostgresStatements"/>.</summary>
internal static partial class PostgresStatements
{
    /// <summary>
    /// Adds the tags of @Tags, an array of names, that do not exist yet; in order of name, so that two links given the
    /// same new tags in another order never wait on each other.
    /// </summary>
    public const string AddTags = """
        INSERT INTO tags (name) SELECT given.name FROM unnest(@Tags::text[]) AS given (name) ORDER BY given.name
        ON CONFLICT (name) DO NOTHING
        """;

    /// <summary>Gives the link @UrlId the tags of @Tags (which exist by now), each at its place in the array.</summary>
    public const string TagLink = """
        INSERT INTO link_tags (url_id, tag_id, position)
        SELECT @UrlId, tags.id, given.position - 1
        FROM unnest(@Tags::text[]) WITH ORDINALITY AS given (name, position) JOIN tags ON tags.name = given.name
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Every tag that at least one link carries, with how many links carry it and their clicks, by name. @CreatedBy,
    /// unless null, keeps only the links that key created; @WithProtected false leaves out links with a password.
    /// </summary>
    public const string TagCounts = """
        SELECT tags.name AS Tag, count(*) AS Links, sum(urls.clicks)::bigint AS Clicks
        FROM tags JOIN link_tags ON link_tags.tag_id = tags.id JOIN urls ON urls.id = link_tags.url_id
        WHERE (@CreatedBy::text IS NULL OR urls.created_by = @CreatedBy::text) AND (@WithProtected OR urls.password_hash IS NULL)
        GROUP BY tags.id ORDER BY tags.name
        """;

    /// <summary>One tag with its counts over every link; no row when no link carries it.</summary>
    public const string TagCount = """
        SELECT tags.name AS Tag, count(*) AS Links, sum(urls.clicks)::bigint AS Clicks
        FROM tags JOIN link_tags ON link_tags.tag_id = tags.id JOIN urls ON urls.id = link_tags.url_id
        WHERE tags.name = @TagName
        GROUP BY tags.id
        """;

    /// <summary>
    /// The tag named @TagName, if a link carries it. A tag no link carries any more (its links were deleted or lost it)
    /// counts as unknown, and a rename may take its name. Locked, so that a rename and a delete of it take turns.
    /// </summary>
    public const string FindUsedTag = """
        SELECT tags.id FROM tags WHERE tags.name = @TagName AND EXISTS (SELECT 1 FROM link_tags WHERE link_tags.tag_id = tags.id)
        FOR UPDATE
        """;

}
