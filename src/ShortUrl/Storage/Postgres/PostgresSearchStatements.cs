namespace ShortUrl.Storage.Postgres;

/// <summary>
/// The statements of the search (<see cref="PostgresLinkSearch"/>), in a file of their own; they are part of
/// <see cref="PostgresStatements"/> all the same, and of its snapshots. Each pair reads one page and counts all matches:
/// every link in order of the ids, the text through the trigram indexes of migration 0009, or the links of the tags
/// asked for.
/// </summary>
internal static partial class PostgresStatements
{
    public static readonly string SearchAllNewest = SearchTemplates.AllNewest(SearchFragments.LinkColumns, SearchFragments.ByCreator);

    public static readonly string SearchAll =
        SearchTemplates.All(SearchFragments.LinkColumns, SearchFragments.ByCreator, SearchFragments.OrderBySort);

    public static readonly string CountAll = SearchTemplates.CountAll(SearchFragments.ByCreator);

    public const string SearchByText = $"""
        {SearchFragments.PageOfMatches} urls.id = ANY(ARRAY({SearchFragments.LinksWithText})) AND {SearchFragments.ByCreator} AND {SearchFragments.ByTagsIfAny}
        {SearchFragments.PageEnd}
        """;

    /// <summary>
    /// The default order of a search, newest first, picked and counted from the matching ids alone: only the page's
    /// links are read from urls, where the other orders look up every match for its sort key.
    /// </summary>
    public const string SearchNewestByText = $"""
        SELECT {SearchFragments.LinkColumns}, page.Total AS Total
        FROM (SELECT matches.id, {SearchFragments.TotalColumn} FROM ({SearchFragments.MatchingIds}) AS matches
              ORDER BY matches.id DESC LIMIT @Limit OFFSET @Offset) AS page
        JOIN urls ON urls.id = page.id
        ORDER BY urls.id DESC
        """;

    public const string CountByText = $"SELECT count(*) FROM ({SearchFragments.MatchingIds}) AS matches";

    /// <summary>
    /// Text of one or two characters, which no trigram index answers, in the default order and without tags to filter
    /// by: the links newest first, looked through only until the page is full.
    /// </summary>
    public const string SearchNewestByShortText = $"""
        SELECT {SearchFragments.LinkColumns}
        FROM urls WHERE {SearchFragments.ByShortText} AND {SearchFragments.ByCreator}
        ORDER BY urls.id DESC LIMIT @Limit OFFSET @Offset
        """;

    /// <summary>
    /// Its count, in one pass over every link, joined to the links of the matching tags (gathered once, and hashed or
    /// merged however many they are).
    /// </summary>
    public const string CountByShortText = $"""
        SELECT count(*) FROM urls
        LEFT JOIN (SELECT DISTINCT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                   WHERE tags.name ILIKE @Pattern) AS tagged ON tagged.url_id = urls.id
        WHERE (urls.code ILIKE @Pattern OR {SearchFragments.Visible} AND ({SearchFragments.TargetOrTitleLike} OR tagged.url_id IS NOT NULL))
          AND {SearchFragments.ByCreator}
        """;

    public const string SearchByTags = $"""
        {SearchFragments.PageOfMatches} urls.id = ANY(ARRAY({SearchFragments.LinksWithTags})) AND {SearchFragments.Visible} AND {SearchFragments.ByCreator}
        {SearchFragments.PageEnd}
        """;

    public const string CountByTags = $"""
        SELECT count(*) FROM urls WHERE urls.id = ANY(ARRAY({SearchFragments.LinksWithTags})) AND {SearchFragments.Visible} AND {SearchFragments.ByCreator}
        """;

    // The matching ids are gathered into an array first (= ANY(ARRAY(...))): as an IN (subquery) the planner guesses
    // thousands of matches and hashes the whole urls table against them, where the few matches a text has are each one
    // look-up in the primary key.

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
            urls.id AS Id, urls.code AS Code, urls.url AS Url, urls.created_at AS CreatedAt, urls.clicks AS Clicks,
                urls.expires_at AS ExpiresAt, urls.max_clicks AS MaxClicks, urls.password_hash AS PasswordHash, urls.created_by AS CreatedBy,
                urls.title AS Title, {Fragments.Tags} AS Tags, urls.forward_query AS ForwardQuery, urls.redirect_rules AS RedirectRules
            """;

        /// <summary>@CreatedBy: an author's own links; null for all.</summary>
        public const string ByCreator = "(@CreatedBy::text IS NULL OR urls.created_by = @CreatedBy)";

        /// <summary>Whether the caller sees the target, title and tags of the link: with a key, or when it has no password.</summary>
        public const string Visible = "(@SeesProtected OR urls.password_hash IS NULL)";

        /// <summary>
        /// @Pattern is the text as an ILIKE pattern (%text%, escaped with a backslash). One query per column, so that each
        /// uses its own trigram index; a link whose target, title and tags the caller may not see matches by its code
        /// alone. Text shorter than a trigram is answered too, without the indexes' help, in the orders other than the
        /// default (which has <see cref="ByShortText"/>). A tag's links are checked
        /// against the protected ones (migration 0013) rather than each looked up in urls.
        /// </summary>
        public const string LinksWithText = $"""
            SELECT urls.id FROM urls WHERE urls.code ILIKE @Pattern
            UNION SELECT urls.id FROM urls WHERE urls.url ILIKE @Pattern AND {Visible}
            UNION SELECT urls.id FROM urls WHERE urls.title ILIKE @Pattern AND {Visible}
            UNION SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                WHERE tags.name ILIKE @Pattern AND (@SeesProtected OR link_tags.url_id NOT IN ({ProtectedLinks}))
            """;

        /// <summary>@Pattern in the target or the title, without an index's help.</summary>
        public const string TargetOrTitleLike = "urls.url ILIKE @Pattern OR urls.title ILIKE @Pattern";

        /// <summary>Each column of the link against @Pattern, for text no trigram index answers.</summary>
        public const string ByShortText = $"""
            (urls.code ILIKE @Pattern
             OR {Visible} AND ({TargetOrTitleLike}
                 OR EXISTS (SELECT 1 FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
                            WHERE link_tags.url_id = urls.id AND tags.name ILIKE @Pattern)))
            """;

        /// <summary>The links with a password, by the partial index of migration 0013.</summary>
        public const string ProtectedLinks = "SELECT urls.id FROM urls WHERE urls.password_hash IS NOT NULL";

        /// <summary>
        /// The ids of every match, filtered by sets of ids (an author's, by its partial index; a tag's) so that no match is
        /// looked up in urls.
        /// </summary>
        public const string MatchingIds = $"""
            SELECT matches.id AS id FROM ({LinksWithText}) AS matches
            WHERE (@CreatedBy::text IS NULL OR matches.id IN (SELECT urls.id FROM urls WHERE urls.created_by = @CreatedBy))
              AND (@TagsNeeded = 0 OR matches.id = ANY(ARRAY({LinksWithTags}))
                   AND (@SeesProtected OR matches.id NOT IN ({ProtectedLinks})))
            """;

        /// <summary>The links carrying at least @TagsNeeded of the tags in @Tags: 1 for any of them, their number for all.</summary>
        public const string LinksWithTags = """
            SELECT link_tags.url_id FROM link_tags JOIN tags ON tags.id = link_tags.tag_id
            WHERE tags.name = ANY(@Tags)
            GROUP BY link_tags.url_id HAVING count(*) >= @TagsNeeded
            """;

        public const string ByTagsIfAny = $"(@TagsNeeded = 0 OR {Visible} AND urls.id = ANY(ARRAY({LinksWithTags})))";

        /// <summary>The title, as far as the caller sees it.</summary>
        public const string VisibleTitle = $"(CASE WHEN {Visible} THEN urls.title END)";

        /// <summary>
        /// @Sort as the API names it. Equal keys keep the order of the ids, the same way round as the key; links without
        /// a title (or one the caller may not see) come after those with one, either way round. Titles compare byte for byte once lower-cased, as SQLite's do.
        /// </summary>
        public const string OrderBySort = $"""
            ORDER BY
                CASE @Sort WHEN 'clicks' THEN urls.clicks END ASC,
                CASE @Sort WHEN '-clicks' THEN urls.clicks END DESC,
                CASE @Sort WHEN 'code' THEN urls.code END ASC,
                CASE @Sort WHEN '-code' THEN urls.code END DESC,
                CASE WHEN @Sort IN ('title', '-title') THEN {VisibleTitle} IS NULL END ASC,
                CASE @Sort WHEN 'title' THEN lower({VisibleTitle}) COLLATE "C" END ASC,
                CASE @Sort WHEN '-title' THEN lower({VisibleTitle}) COLLATE "C" END DESC,
                CASE WHEN @Sort IN ('created', 'clicks', 'code', 'title') THEN urls.id END ASC,
                urls.id DESC
            """;
    }
}
