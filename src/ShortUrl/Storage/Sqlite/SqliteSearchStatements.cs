namespace ShortUrl.Storage.Sqlite;

/// <summary>
/// The statements of the search (<see cref="SqliteLinkSearch"/>), in a file of their own; they are part of
/// <see cref="SqliteStatements"/> all the same, and of its snapshots. Each pair reads one page and counts all matches,
/// and each differs in what leads the plan: the link ids in order, the trigram index (migration 0009), a scan for text
/// too short for trigrams, or the links of the tags asked for. A search in the default order reads its page from the
/// trigram index in order and counts there too, so that neither looks up every match in urls.
/// </summary>
internal static partial class SqliteStatements
{
    public const string SearchByText = $"""
        {SearchFragments.PageOfMatches} urls.id IN ({SearchFragments.IndexedMatches} UNION ALL {SearchFragments.MarkedMatches})
            AND {SearchFragments.ByCreator} AND {SearchFragments.ByTagsIfAny}
        {SearchFragments.PageEnd}
        """;

    public static readonly string SearchAllNewest = SearchTemplates.AllNewest(SearchFragments.LinkColumns, SearchFragments.ByCreator);

    public static readonly string SearchAll =
        SearchTemplates.All(SearchFragments.LinkColumns, SearchFragments.ByCreator, SearchFragments.OrderBySort);

    public static readonly string CountAll = SearchTemplates.CountAll(SearchFragments.ByCreator);

    /// <summary>
    /// The default order of a search, newest first, straight from the trigram index, which hands its matches over in
    /// the order of their ids: only the matches up to the end of the page are looked up in urls, however many there are.
    /// The links still waiting for the index (migration 0012) are merged in by their ids.
    /// </summary>
    public const string SearchNewestByText = $"""
        SELECT {SearchFragments.LinkColumns}
        FROM ({SearchFragments.IndexedMatches} AND {SearchFragments.ByCreator} AND {SearchFragments.ByTagsIfAny}
              UNION ALL
              {SearchFragments.MarkedMatches} AND {SearchFragments.ByCreator} AND {SearchFragments.ByTagsIfAny}
              ORDER BY 1 DESC LIMIT @Limit OFFSET @Offset) AS page
        JOIN urls ON urls.id = page.id
        ORDER BY urls.id DESC
        """;

    /// <summary>
    /// Every match, counted in the trigram index itself without looking each up in urls: the filters that need the
    /// link are each one set of ids, gathered once (a protected link's, an author's, a tag's) and checked against the
    /// index's matches; the links still waiting for the index are counted apart.
    /// </summary>
    public const string CountByText = $"""
        SELECT
            (SELECT count(*) FROM link_search WHERE link_search MATCH @Match
                AND (@SeesProtected OR link_search.rowid NOT IN ({SearchFragments.ProtectedLinks} AND NOT ({SearchFragments.CodeLike})))
                AND (@CreatedBy IS NULL OR link_search.rowid IN (SELECT urls.id FROM urls WHERE urls.created_by = @CreatedBy))
                AND (@TagsNeeded = 0 OR link_search.rowid IN ({SearchFragments.LinksWithTags})
                     AND (@SeesProtected OR link_search.rowid NOT IN ({SearchFragments.ProtectedLinks}))))
          + (SELECT count(*) FROM urls WHERE urls.index_later = 1 AND {SearchFragments.ByShortText} AND {SearchFragments.ByCreator} AND {SearchFragments.ByTagsIfAny})
        """;

    public const string SearchByShortText = $"""
        {SearchFragments.PageOfMatches} {SearchFragments.ByShortText} AND {SearchFragments.ByCreator} AND {SearchFragments.ByTagsIfAny}
        {SearchFragments.PageEnd}
        """;

    /// <summary>Short text in the default order: the links newest first, looked through only until the page is full.</summary>
    public const string SearchNewestByShortText = $"""
        SELECT {SearchFragments.LinkColumns}
        FROM urls WHERE {SearchFragments.ByShortText} AND {SearchFragments.ByCreator} AND {SearchFragments.ByTagsIfAny}
        ORDER BY urls.id DESC LIMIT @Limit OFFSET @Offset
        """;

    public const string CountByShortText = $"""
        SELECT count(*) FROM urls
        WHERE {SearchFragments.ByShortTextInEveryLink} AND {SearchFragments.ByCreator} AND {SearchFragments.ByTagsIfAny}
        """;

    public const string SearchByTags = $"""
        {SearchFragments.PageOfMatches} urls.id IN ({SearchFragments.LinksWithTags}) AND {SearchFragments.Visible} AND {SearchFragments.ByCreator}
        {SearchFragments.PageEnd}
        """;

    public const string CountByTags = $"""
        SELECT count(*) FROM urls WHERE urls.id IN ({SearchFragments.LinksWithTags}) AND {SearchFragments.Visible} AND {SearchFragments.ByCreator}
        """;

    /// <summary>
    /// The oldest @Limit links not in the trigram index yet (migration 0012) into it; then <see cref="UnmarkIndexedLinks"/>
    /// in the same transaction, on the one writer, so both see the same links.
    /// </summary>
    public const string IndexMarkedLinks = $"""
        INSERT INTO link_search (rowid, code, url, title, tags)
        SELECT urls.id, urls.code, urls.url, urls.title,
               (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
        FROM urls WHERE urls.id IN ({SearchFragments.MarkedLinks})
        """;

    public const string UnmarkIndexedLinks = $"UPDATE urls SET index_later = NULL WHERE id IN ({SearchFragments.MarkedLinks})";

    /// <summary>Parts of the search statements.</summary>
    private static class SearchFragments
    {
        /// <summary>
        /// Every match, counted while the page is picked from them: a search sorts all its matches anyway, so the total
        /// costs nothing more, where a count of its own would find every match a second time.
        /// </summary>
        public const string TotalColumn = "count(*) OVER () AS Total";

        /// <summary>
        /// A page of matches, then their columns: the ids and the total of every match are picked first, and only the
        /// page's links are read whole (their tags above all), rather than every match before the sort.
        /// <see cref="PageOfMatches"/>, the conditions, then <see cref="PageEnd"/>.
        /// </summary>
        public const string PageOfMatches = $"SELECT {LinkColumns}, page.Total AS Total FROM (SELECT urls.id AS id, {TotalColumn} FROM urls WHERE";

        public const string PageEnd = $"{OrderBySort} LIMIT @Limit OFFSET @Offset) AS page JOIN urls ON urls.id = page.id {OrderBySort}";

        public const string LinkColumns = $"""
            urls.id AS Id, urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt, {Fragments.AllClicks} AS Clicks,
                urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks, urls.password_hash AS PasswordHash, urls.created_by AS CreatedBy,
                urls.title AS Title, {Fragments.Tags} AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules
            """;

        /// <summary>@CreatedBy: an author's own links; null for all.</summary>
        public const string ByCreator = "(@CreatedBy IS NULL OR urls.created_by = @CreatedBy)";

        /// <summary>Whether the caller sees the target, title and tags of the link: with a key, or when it has no password.</summary>
        public const string Visible = "(@SeesProtected OR urls.password_hash IS NULL)";

        /// <summary>
        /// The ids of the links in the trigram index that match @Match, newest first: a link whose target, title and tags
        /// the caller may not see by its code alone (a code is ASCII, so LIKE's case folding is the index's).
        /// </summary>
        public const string IndexedMatches = $"""
            SELECT link_search.rowid AS id FROM link_search JOIN urls ON urls.id = link_search.rowid
            WHERE link_search MATCH @Match AND ({Visible} OR {CodeLike})
            """;

        /// <summary>The ids of the links not in the index yet (migration 0012) that match, looked through as short text is.</summary>
        public const string MarkedMatches = $"SELECT urls.id FROM urls WHERE urls.index_later = 1 AND {ByShortText}";

        /// <summary>@Pattern, the text as a LIKE pattern (%text%, escaped with a backslash), in the code.</summary>
        public const string CodeLike = "urls.code LIKE @Pattern ESCAPE '\\'";

        /// <summary>@Pattern in the target or the title.</summary>
        public const string TargetOrTitleLike = "urls.url LIKE @Pattern ESCAPE '\\' OR urls.title LIKE @Pattern ESCAPE '\\'";

        /// <summary>The links with a password, by the partial index of migration 0013.</summary>
        public const string ProtectedLinks = "SELECT urls.id FROM urls WHERE urls.password_hash IS NOT NULL";

        /// <summary>The oldest @Limit links created since the indexer's last turn, by the partial index on the mark.</summary>
        public const string MarkedLinks = "SELECT id FROM urls WHERE index_later = 1 ORDER BY id LIMIT @Limit";

        /// <summary>
        /// Text of one or two characters, which no trigram holds: @Pattern is it as a LIKE pattern (%text%, escaped with
        /// a backslash), looked for in each column of every link, and in each tag apart.
        /// </summary>
        public const string ByShortText = $"""
            ({CodeLike}
             OR ({Visible} AND ({TargetOrTitleLike}
                 OR EXISTS (SELECT 1 FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                            WHERE link_tags.url_id = urls.id AND tags.name LIKE @Pattern ESCAPE '\'))))
            """;

        /// <summary>
        /// <see cref="ByShortText"/> for a pass over every link: the links of the matching tags gathered once, rather than
        /// each link's tags looked up.
        /// </summary>
        public const string ByShortTextInEveryLink = $"""
            ({CodeLike}
             OR ({Visible} AND ({TargetOrTitleLike}
                 OR urls.id IN (SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                                WHERE tags.name LIKE @Pattern ESCAPE '\'))))
            """;

        /// <summary>
        /// The links carrying at least @TagsNeeded of the tags in @Tags (a JSON array of names): 1 for any of them, their
        /// number for all.
        /// </summary>
        public const string LinksWithTags = """
            SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
            WHERE tags.name IN (SELECT value FROM json_each(@Tags))
            GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded
            """;

        public const string ByTagsIfAny = $"(@TagsNeeded = 0 OR {Visible} AND urls.id IN ({LinksWithTags}))";

        /// <summary>The title, as far as the caller sees it.</summary>
        public const string VisibleTitle = $"(CASE WHEN {Visible} THEN urls.title END)";

        /// <summary>
        /// @Sort as the API names it. Equal keys keep the order of the ids, the same way round as the key; links without
        /// a title (or one the caller may not see) come after those with one, either way round.
        /// </summary>
        public const string OrderBySort = $"""
            ORDER BY
                CASE @Sort WHEN 'clicks' THEN {Fragments.AllClicks} END ASC,
                CASE @Sort WHEN '-clicks' THEN {Fragments.AllClicks} END DESC,
                CASE @Sort WHEN 'code' THEN urls.code END ASC,
                CASE @Sort WHEN '-code' THEN urls.code END DESC,
                CASE WHEN @Sort IN ('title', '-title') THEN {VisibleTitle} IS NULL END ASC,
                CASE @Sort WHEN 'title' THEN lower({VisibleTitle}) END ASC,
                CASE @Sort WHEN '-title' THEN lower({VisibleTitle}) END DESC,
                CASE WHEN @Sort IN ('created', 'clicks', 'code', 'title') THEN urls.id END ASC,
                urls.id DESC
            """;
    }
}
