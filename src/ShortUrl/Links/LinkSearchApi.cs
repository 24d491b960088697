namespace ShortUrl.Links;

/// <summary><c>GET /api/urls</c>: every link a caller may list, or those matching a search, sorted, a page at a time.</summary>
internal static class LinkSearchApi
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxTextLength = 200;
    public const int MaxTags = LinkLabelsInput.MaxTagsPerLink;

    /// <param name="links">The <c>/api/urls</c> group.</param>
    public static RouteGroupBuilder MapLinkSearch(this RouteGroupBuilder links)
    {
        links.MapGet("/", Search)
            .Describe("SearchLinks", "Search and list every link, a page at a time",
                $"""
                'q': a piece of the code, the target, the title or a tag, in any case (up to {MaxTextLength} characters;
                none: every link). 'tag' (repeat it, up to {MaxTags}): only links with these tags, any of them
                ('tagMode=any', the default) or all ('tagMode=all'). 'sort': created, clicks, code or title, with '-' in
                front for descending; '-created' when left out. 'page' from 1, 'pageSize' 1 to {MaxPageSize}
                ({DefaultPageSize} when left out); 'total' counts every match. Who sees which links is as for
                /api/urls/recent: an author key its own, an admin key every link, and without a key (when
                ShortUrl:Anonymous is CreateAndList) every link, the target, title and tags of password-protected ones
                neither shown nor searched.
                """)
            .AllowAnonymousWhen(AnonymousMode.CreateAndList);

        return links;
    }

    private static async Task<Results<Ok<LinkSearchResponse>, ValidationProblem>> Search(
        string? q, string[]? tag, string? tagMode, string? sort, string? page, string? pageSize,
        HttpRequest request, ILinkSearch search, PublicAddress address, CancellationToken cancellationToken)
    {
        if (LinkSearchInput.Read(q, tag, tagMode, sort, page, pageSize) is not { } input)
        {
            var (field, message) = LinkSearchInput.Problem(q, tag, tagMode, sort, page, pageSize)!.Value;
            return Problems.Validation(field, message);
        }

        var requester = Requester.Of(request.HttpContext);
        var found = await search.SearchAsync(
            new LinkQuery(
                input.Text, input.Tags, input.AllTags, input.Sort, (long)(input.Page - 1) * input.PageSize, input.PageSize,
                requester.OnlyLinksOf,
                // Whoever lists with a key manages every link listed (an author sees only its own).
                SeesProtectedLinks: requester.Caller is not null),
            cancellationToken);
        var shortUrlBase = address.ShortUrlBase(request);
        return TypedResults.Ok(new LinkSearchResponse(
            found.Items.Select(link => LinkResponse.From(link, shortUrlBase, requester.Manages(link))).ToList(),
            input.Page, input.PageSize, found.Total));
    }
}

/// <summary>One page of <c>GET /api/urls</c>.</summary>
/// <param name="Items">The links of the page, in the order asked for.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Links per page.</param>
/// <param name="Total">How many links match, on every page together.</param>
internal sealed record LinkSearchResponse(List<LinkResponse> Items, int Page, int PageSize, long Total);

/// <summary>The query string of <c>GET /api/urls</c>, checked.</summary>
internal sealed record LinkSearchInput(string? Text, IReadOnlyList<string> Tags, bool AllTags, string Sort, int Page, int PageSize)
{
    /// <summary>The input, or null when a parameter is bad (<see cref="Problem"/> says which and why).</summary>
    public static LinkSearchInput? Read(string? q, string[]? tag, string? tagMode, string? sort, string? page, string? pageSize) =>
        Problem(q, tag, tagMode, sort, page, pageSize) is null
            ? new LinkSearchInput(
                TextOf(q), NormalisedTags(tag), tagMode == "all", sort ?? LinkSorts.Newest,
                page is null ? 1 : int.Parse(page, NumberStyles.None, CultureInfo.InvariantCulture),
                pageSize is null ? LinkSearchApi.DefaultPageSize : int.Parse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture))
            : null;

    /// <summary>The first bad parameter and what is wrong with it; null when all are good.</summary>
    public static (string Field, string Message)? Problem(string? q, string[]? tag, string? tagMode, string? sort, string? page, string? pageSize)
    {
        if (q is not null && (TextOf(q) is { } text && text.EnumerateRunes().Count() > LinkSearchApi.MaxTextLength || q.Any(char.IsControl)))
        {
            return ("q", $"'q' must be at most {LinkSearchApi.MaxTextLength} characters, without control characters.");
        }

        if (tag is { Length: > LinkSearchApi.MaxTags })
        {
            return ("tag", $"At most {LinkSearchApi.MaxTags} tags may be given.");
        }

        if (tag?.FirstOrDefault(t => LinkLabelsInput.Normalise(t) is null) is { } badTag)
        {
            return ("tag", $"'{badTag}' is not a tag: 1 to {LinkLabelsInput.MaxTagLength} of a-z, 0-9, '-', '_' and spaces inside.");
        }

        if (tagMode is not (null or "any" or "all"))
        {
            return ("tagMode", "'tagMode' must be 'any' or 'all'.");
        }

        if (sort is not null && !LinkSorts.All.Contains(sort))
        {
            return ("sort", "'sort' must be created, clicks, code or title, with '-' in front for descending.");
        }

        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1))
        {
            return ("page", "'page' must be a whole number from 1.");
        }

        if (pageSize is not null
            && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > LinkSearchApi.MaxPageSize))
        {
            return ("pageSize", $"'pageSize' must be a whole number from 1 to {LinkSearchApi.MaxPageSize}.");
        }

        return null;
    }

    /// <summary>Spaces around the text are not part of it; blank text searches nothing.</summary>
    private static string? TextOf(string? q) => string.IsNullOrWhiteSpace(q) ? null : q.Trim();

    private static List<string> NormalisedTags(string[]? tags) => (tags ?? []).Select(t => LinkLabelsInput.Normalise(t)!).Distinct(StringComparer.Ordinal).ToList();
}
