namespace ShortUrl.Peers.Shlink;

/// <summary>Shlink's <c>/short-urls</c>: create, list, get, edit and delete, over <see cref="LinkService"/> and <see cref="LinkLifecycle"/>.</summary>
internal static class ShlinkShortUrls
{
    public const int DefaultItemsPerPage = 10;

    /// <summary>How many links a list filtered by what the search cannot filter (dates, limits) looks through.</summary>
    public const int MaxScanned = 10_000;

    public static async Task<Results<Ok<ShlinkShortUrl>, ProblemHttpResult>> Create(
        HttpContext context, LinkService links, ILinkSearch search, IStatsQueries stats, PublicAddress address, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var (fields, bodyProblem) = await ShlinkShortUrlInput.ReadFieldsAsync(request, creating: true, time, cancellationToken);
        if (fields is null)
        {
            return bodyProblem!;
        }

        var findIfExists = fields.Body.Bool("findIfExists", out var findOk);
        var shortCodeLength = fields.Body.Long("shortCodeLength", out var lengthOk);
        string[] invalid =
        [
            .. fields.Invalid,
            .. !findOk ? ["findIfExists"] : Array.Empty<string>(),
            .. !lengthOk || shortCodeLength is < 4 ? ["shortCodeLength"] : Array.Empty<string>(),
        ];
        if (invalid.Length > 0)
        {
            return ShlinkProblems.InvalidData(invalid);
        }

        var requester = Requester.Of(context);
        var selfHosts = address.SelfHosts(request);
        var shortUrlBase = address.ShortUrlBase(request);
        if (findIfExists == true
            && TargetUrl.Validate(fields.LongUrl, selfHosts, out var target) is null
            && await FindExistingAsync(search, target, fields.CustomSlug, requester, cancellationToken) is { } existing)
        {
            return TypedResults.Ok(await ToShlinkAsync(existing, shortUrlBase, stats, cancellationToken));
        }

        var create = new CreateLinkRequest(
            fields.LongUrl, fields.CustomSlug, fields.ValidUntil, fields.MaxVisits, Password: null, fields.Title, fields.Tags, fields.ForwardQuery);
        return await links.CreateAsync(create, selfHosts, requester.KeyName, cancellationToken) switch
        {
            LinkService.CreateOutcome.Created(var link) => TypedResults.Ok(ShlinkShortUrl.From(link, shortUrlBase, bots: 0)),
            LinkService.CreateOutcome.Invalid(var field, _) => ShlinkProblems.InvalidData(ShlinkShortUrlInput.ShlinkField(field)),
            LinkService.CreateOutcome.AliasTaken(var alias) => ShlinkProblems.NonUniqueSlug(alias),
            _ => ShlinkProblems.TryAgain(),
        };
    }

    public static async Task<Results<Ok<ShlinkShortUrl>, ProblemHttpResult>> Get(
        string shortCode, HttpContext context, LinkService links, IStatsQueries stats, PublicAddress address, CancellationToken cancellationToken) =>
        await ManagedAsync(shortCode, context, links, cancellationToken) is { } link
            ? TypedResults.Ok(await ToShlinkAsync(link, address.ShortUrlBase(context.Request), stats, cancellationToken))
            : ShlinkProblems.ShortUrlNotFound(shortCode);

    public static async Task<Results<Ok<ShlinkShortUrl>, ProblemHttpResult>> Edit(
        string shortCode, HttpContext context, LinkService links, LinkLifecycle lifecycle, IStatsQueries stats, PublicAddress address,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(shortCode, context, links, cancellationToken) is null)
        {
            return ShlinkProblems.ShortUrlNotFound(shortCode);
        }

        var request = context.Request;
        var (fields, bodyProblem) = await ShlinkShortUrlInput.ReadFieldsAsync(request, creating: false, time, cancellationToken);
        if (fields is null)
        {
            return bodyProblem!;
        }

        if (fields.Invalid.Count > 0)
        {
            return ShlinkProblems.InvalidData([.. fields.Invalid]);
        }

        var input = fields.Body;
        var edit = new LinkEdit(
            input.Has("longUrl") ? FieldChange<string?>.To(fields.LongUrl) : FieldChange<string?>.Unchanged,
            input.Has("validUntil") ? FieldChange<string?>.To(fields.ValidUntil) : FieldChange<string?>.Unchanged,
            input.Has("maxVisits") ? FieldChange<long?>.To(fields.MaxVisits) : FieldChange<long?>.Unchanged,
            FieldChange<string?>.Unchanged)
        {
            Title = input.Has("title") ? FieldChange<string?>.To(fields.Title) : FieldChange<string?>.Unchanged,
            Tags = input.Has("tags") ? FieldChange<IReadOnlyList<string?>?>.To(fields.Tags) : FieldChange<IReadOnlyList<string?>?>.Unchanged,
            ForwardQuery = fields.ForwardQuery is { } forward ? FieldChange<bool>.To(forward) : FieldChange<bool>.Unchanged,
        };
        return await lifecycle.EditAsync(shortCode, edit, address.SelfHosts(request), cancellationToken) switch
        {
            LinkLifecycle.EditOutcome.Edited(var link) => TypedResults.Ok(await ToShlinkAsync(link, address.ShortUrlBase(request), stats, cancellationToken)),
            LinkLifecycle.EditOutcome.Invalid(var field, _) => ShlinkProblems.InvalidData(ShlinkShortUrlInput.ShlinkField(field)),
            _ => ShlinkProblems.ShortUrlNotFound(shortCode),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string shortCode, HttpContext context, LinkService links, LinkLifecycle lifecycle, CancellationToken cancellationToken) =>
        await ManagedAsync(shortCode, context, links, cancellationToken) is not null && await lifecycle.DeleteAsync(shortCode, cancellationToken)
            ? TypedResults.NoContent()
            : ShlinkProblems.ShortUrlNotFound(shortCode);

    public static async Task<Results<Ok<ShlinkShortUrlList>, ProblemHttpResult>> List(
        HttpContext context, ILinkSearch search, IStatsQueries stats, PublicAddress address, TimeProvider time, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        string? One(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
        string[] tags = [.. query["tags[]"].OfType<string>(), .. query["tags"].OfType<string>()];
        var (sort, sortOk) = SortOf(One("orderBy"));
        var itemsPerPage = One("itemsPerPage");
        var perPage = DefaultItemsPerPage;
        var perPageOk = itemsPerPage is null
            || (int.TryParse(itemsPerPage, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out perPage) && (perPage == -1 || perPage >= 1));
        if (perPage == -1 || perPage > LinkSearchApi.MaxPageSize)
        {
            perPage = LinkSearchApi.MaxPageSize;
        }

        var startDate = One("startDate");
        var endDate = One("endDate");
        var from = ShlinkDates.Parse(startDate);
        var to = ShlinkDates.Parse(endDate);
        var excludeReached = One("excludeMaxVisitsReached") is "true" or "1";
        var excludePast = One("excludePastValidUntil") is "true" or "1";
        string[] invalid =
        [
            .. !sortOk ? ["orderBy"] : Array.Empty<string>(),
            .. !perPageOk ? ["itemsPerPage"] : Array.Empty<string>(),
            .. startDate is not null && from is null ? ["startDate"] : Array.Empty<string>(),
            .. endDate is not null && to is null ? ["endDate"] : Array.Empty<string>(),
            .. One("tagsMode") is not (null or "any" or "all") ? ["tagsMode"] : Array.Empty<string>(),
        ];
        if (invalid.Length > 0)
        {
            return ShlinkProblems.InvalidData(invalid);
        }

        var pageText = One("page");
        var native = LinkSearchInput.Problem(One("searchTerm"), tags, One("tagsMode"), sort, pageText, perPage.ToString(CultureInfo.InvariantCulture));
        if (native is var (field, _))
        {
            return ShlinkProblems.InvalidData(field switch
            {
                "q" => "searchTerm",
                "tag" => "tags",
                "tagMode" => "tagsMode",
                "sort" => "orderBy",
                "pageSize" => "itemsPerPage",
                _ => field,
            });
        }

        var input = LinkSearchInput.Read(One("searchTerm"), tags, One("tagsMode"), sort, pageText, perPage.ToString(CultureInfo.InvariantCulture))!;
        var requester = Requester.Of(context);
        var offset = (long)(input.Page - 1) * input.PageSize;
        LinkQuery Query(long skip, int take) => new(input.Text, input.Tags, input.AllTags, input.Sort, skip, take, requester.OnlyLinksOf, SeesProtectedLinks: true);
        IReadOnlyList<Link> items;
        long total;
        if (from is null && to is null && !excludeReached && !excludePast)
        {
            var found = await search.SearchAsync(Query(offset, input.PageSize), cancellationToken);
            (items, total) = (found.Items, found.Total);
        }
        else
        {
            // The search filters by text and tags; what only Shlink filters by is applied to the links it finds, in order.
            var now = time.GetUtcNow().UtcDateTime;
            var matching = new List<Link>();
            for (long skip = 0; skip < MaxScanned; skip += LinkSearchApi.MaxPageSize)
            {
                var batch = await search.SearchAsync(Query(skip, LinkSearchApi.MaxPageSize), cancellationToken);
                matching.AddRange(batch.Items.Where(link =>
                    (from is null || link.CreatedAt >= from.Value.UtcDateTime)
                    && (to is null || link.CreatedAt <= to.Value.UtcDateTime)
                    && (!excludeReached || link.MaxClicks is not { } max || link.Clicks < max)
                    && (!excludePast || link.ExpiresAt is not { } expiry || expiry > now)));
                if (batch.Items.Count < LinkSearchApi.MaxPageSize)
                {
                    break;
                }
            }

            total = matching.Count;
            items = matching.Skip((int)Math.Min(offset, int.MaxValue)).Take(input.PageSize).ToList();
        }

        var shortUrlBase = address.ShortUrlBase(context.Request);
        var data = new List<ShlinkShortUrl>(items.Count);
        foreach (var link in items)
        {
            data.Add(await ToShlinkAsync(link, shortUrlBase, stats, cancellationToken));
        }

        return TypedResults.Ok(new ShlinkShortUrlList(new ShlinkShortUrlPage(data, ShlinkPagination.Of(input.Page, input.PageSize, total))));
    }

    /// <summary>The link, when it exists and the caller manages it: to an author key another key's link does not exist, as in Shlink.</summary>
    public static async Task<Link?> ManagedAsync(string shortCode, HttpContext context, LinkService links, CancellationToken cancellationToken) =>
        await links.FindAsync(shortCode, cancellationToken) is { } link && Requester.Of(context).Manages(link) ? link : null;

    public static async Task<ShlinkShortUrl> ToShlinkAsync(Link link, string shortUrlBase, IStatsQueries stats, CancellationToken cancellationToken) =>
        ShlinkShortUrl.From(link, shortUrlBase, await stats.BotClicksAsync(link.Id, cancellationToken));

    /// <summary>Shlink's <c>orderBy</c> (<c>field-ASC</c>, <c>field-DESC</c> or <c>field</c>) as a native sort.</summary>
    private static (string? Sort, bool Ok) SortOf(string? orderBy)
    {
        if (string.IsNullOrEmpty(orderBy))
        {
            return (null, true);
        }

        var dash = orderBy.LastIndexOf('-');
        var (field, direction) = dash < 0 ? (orderBy, "ASC") : (orderBy[..dash], orderBy[(dash + 1)..].ToUpperInvariant());
        var sort = field switch
        {
            "dateCreated" => "created",
            "shortCode" => "code",
            "title" => "title",
            "visits" or "nonBotVisits" => "clicks",
            // Not an order the search keeps: the newest first, as Shlink's own default.
            "longUrl" => "created",
            _ => null,
        };
        return sort is null || direction is not ("ASC" or "DESC") ? (null, false) : (direction == "DESC" ? "-" + sort : sort, true);
    }

    private static async Task<Link?> FindExistingAsync(
        ILinkSearch search, string target, string? customSlug, Requester requester, CancellationToken cancellationToken)
    {
        var found = await search.SearchAsync(
            new LinkQuery(target, [], false, LinkSorts.Newest, 0, LinkSearchApi.MaxPageSize, requester.OnlyLinksOf, SeesProtectedLinks: true),
            cancellationToken);
        return found.Items.FirstOrDefault(link => string.Equals(link.Url, target, StringComparison.Ordinal)
            && (string.IsNullOrEmpty(customSlug) || string.Equals(link.Code, customSlug, StringComparison.Ordinal)));
    }
}
