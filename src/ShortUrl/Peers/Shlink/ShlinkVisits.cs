namespace ShortUrl.Peers.Shlink;

/// <summary>Shlink's visits: of a short URL, of a tag, of every short URL, orphan visits and their overview, over the visit log.</summary>
internal static class ShlinkVisits
{
    /// <summary>Visits per page at most: a client asking for more (Shlink's web client asks for thousands) pages on by the pagination.</summary>
    public const int MaxItemsPerPage = 1000;

    public static async Task<Results<Ok<ShlinkVisitList>, ProblemHttpResult>> OfShortUrl(
        string shortCode, HttpContext context, LinkService links, IVisitLog visits, PublicAddress address, CancellationToken cancellationToken)
    {
        if (Range(context.Request) is not { } range)
        {
            return ShlinkProblems.InvalidData(RangeProblem(context.Request));
        }

        if (await ShlinkShortUrls.ManagedAsync(shortCode, context, links, cancellationToken) is not { } link)
        {
            return ShlinkProblems.ShortUrlNotFound(shortCode);
        }

        var found = await visits.VisitsAsync(link.Id, range.FromMs, range.ToMs, range.Offset, range.PerPage, cancellationToken);
        var visitedUrl = address.ShortUrlBase(context.Request) + link.Code;
        return TypedResults.Ok(Page(found, range, _ => visitedUrl));
    }

    public static async Task<Results<Ok<ShlinkVisitList>, ProblemHttpResult>> OfTag(
        string tag, HttpContext context, IVisitsAcross across, PublicAddress address, CancellationToken cancellationToken)
    {
        if (Range(context.Request) is not { } range)
        {
            return ShlinkProblems.InvalidData(RangeProblem(context.Request));
        }

        if (LinkLabelsInput.Normalise(tag) is not { } name)
        {
            return ShlinkProblems.TagNotFound(tag);
        }

        var found = await across.VisitsAsync(name, Requester.Of(context).OnlyLinksOf, range.FromMs, range.ToMs, range.Offset, range.PerPage, cancellationToken);
        var shortUrlBase = address.ShortUrlBase(context.Request);
        return TypedResults.Ok(Page(found, range, visit => shortUrlBase + visit.Code));
    }

    public static async Task<Results<Ok<ShlinkVisitList>, ProblemHttpResult>> NonOrphan(
        HttpContext context, IVisitsAcross across, PublicAddress address, CancellationToken cancellationToken)
    {
        if (Range(context.Request) is not { } range)
        {
            return ShlinkProblems.InvalidData(RangeProblem(context.Request));
        }

        var found = await across.VisitsAsync(null, Requester.Of(context).OnlyLinksOf, range.FromMs, range.ToMs, range.Offset, range.PerPage, cancellationToken);
        var shortUrlBase = address.ShortUrlBase(context.Request);
        return TypedResults.Ok(Page(found, range, visit => shortUrlBase + visit.Code));
    }

    /// <summary>The one domain is the default one: its visits are every short URL's.</summary>
    public static async Task<Results<Ok<ShlinkVisitList>, ProblemHttpResult>> OfDomain(
        string domain, HttpContext context, IVisitsAcross across, PublicAddress address, CancellationToken cancellationToken) =>
        ShlinkServer.IsTheDomain(domain, address.ShortUrlBase(context.Request))
            ? await NonOrphan(context, across, address, cancellationToken)
            : ShlinkProblems.DomainNotFound(domain);

    public static async Task<Results<Ok<ShlinkVisitList>, ProblemHttpResult>> Orphan(
        HttpContext context, IVisitLog visits, PublicAddress address, CancellationToken cancellationToken)
    {
        if (Range(context.Request) is not { } range)
        {
            return ShlinkProblems.InvalidData(RangeProblem(context.Request));
        }

        var type = context.Request.Query["type"].LastOrDefault();
        if (type is not null && OrphanKinds.Parse(type) is null)
        {
            return ShlinkProblems.InvalidData("type");
        }

        // Orphan visits belong to no key: as with Shlink's keys limited to their own short URLs, an author key sees none.
        var found = Requester.Of(context).Caller is { IsAdmin: true }
            ? await visits.OrphansAsync(type, range.Offset, range.PerPage, cancellationToken)
            : new VisitPage([], 0);
        var origin = address.ShortUrlBase(context.Request).TrimEnd('/');
        return TypedResults.Ok(Page(found, range, visit => origin + visit.Path, orphan: true));
    }

    public static async Task<Results<Ok<ShlinkVisitsOverviewResponse>, ProblemHttpResult>> Overview(
        HttpContext context, IVisitsAcross across, IVisitLog visits, CancellationToken cancellationToken)
    {
        var requester = Requester.Of(context);
        var totals = await across.TotalsAsync(requester.OnlyLinksOf, cancellationToken);
        var orphans = requester.Caller is { IsAdmin: true } ? await visits.OrphanCountsAsync(cancellationToken) : [];
        var orphanBots = orphans.Sum(count => count.Bots);
        return TypedResults.Ok(new ShlinkVisitsOverviewResponse(new ShlinkVisitsOverview(
            ShlinkVisitsSummary.Of(totals.Clicks, totals.Bots), ShlinkVisitsSummary.Of(orphans.Sum(count => count.Visits) - orphanBots, orphanBots))));
    }

    public static async Task<Results<Ok<ShlinkDeletedVisits>, ProblemHttpResult>> DeleteOfShortUrl(
        string shortCode, HttpContext context, LinkService links, IVisitLog visits, CancellationToken cancellationToken)
    {
        if (await ShlinkShortUrls.ManagedAsync(shortCode, context, links, cancellationToken) is not { } link)
        {
            return ShlinkProblems.ShortUrlNotFound(shortCode);
        }

        // As in the native API: visits are the record of every key's traffic reports, so only an admin key forgets them.
        if (Requester.Of(context).Caller is not { IsAdmin: true })
        {
            return TypedResults.Problem("Deleting a short URL's visits needs an admin key.", statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden", type: "https://shlink.io/api/error/forbidden-operation");
        }

        return TypedResults.Ok(new ShlinkDeletedVisits(await visits.DeleteVisitsAsync(link.Id, cancellationToken)));
    }

    private sealed record VisitRange(long FromMs, long ToMs, int Page, int PerPage, bool ExcludeBots)
    {
        public long Offset => (long)(Page - 1) * PerPage;
    }

    private static VisitRange? Range(HttpRequest request)
    {
        var query = request.Query;
        string? One(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
        if (RangeProblem(request).Length > 0)
        {
            return null;
        }

        var from = ShlinkDates.Parse(One("startDate"));
        var to = ShlinkDates.Parse(One("endDate"));
        var page = One("page") is { } pageText ? int.Parse(pageText, CultureInfo.InvariantCulture) : 1;
        var perPage = One("itemsPerPage") is { } perPageText ? int.Parse(perPageText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : -1;
        return new VisitRange(
            from is { } start ? Math.Max(0, start.ToUnixTimeMilliseconds()) : 0,
            to is { } end ? end.ToUnixTimeMilliseconds() + 1 : long.MaxValue,
            page,
            perPage is -1 or > MaxItemsPerPage ? MaxItemsPerPage : perPage,
            One("excludeBots") is "true" or "1");
    }

    private static string[] RangeProblem(HttpRequest request)
    {
        var query = request.Query;
        string? One(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
        var problems = new List<string>();
        if (One("startDate") is { } start && ShlinkDates.Parse(start) is null)
        {
            problems.Add("startDate");
        }

        if (One("endDate") is { } end && ShlinkDates.Parse(end) is null)
        {
            problems.Add("endDate");
        }

        if (One("page") is { } page && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1))
        {
            problems.Add("page");
        }

        if (One("itemsPerPage") is { } perPage
            && (!int.TryParse(perPage, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var size) || (size != -1 && size < 1)))
        {
            problems.Add("itemsPerPage");
        }

        return [.. problems];
    }

    private static ShlinkVisitList Page(VisitPage found, VisitRange range, Func<LoggedVisit, string> visitedUrl, bool orphan = false)
    {
        // Bots can only be left out of the page read: the total still counts them.
        var data = found.Items
            .Where(visit => !range.ExcludeBots || visit.Bot == 0)
            .Select(visit => new ShlinkVisit(
                visit.Referrer,
                ShlinkDates.FormatMs(visit.VisitedAt),
                $"{visit.Browser} ({visit.Os})",
                visit.Country is { } country ? new ShlinkVisitLocation(country, CountryName(country), null, null, null, null, null, false) : null,
                visit.Bot != 0,
                visitedUrl(visit),
                null)
            { Type = orphan ? visit.Kind : null })
            .ToList();
        return new ShlinkVisitList(new ShlinkVisitPage(data, ShlinkPagination.Of(range.Page, range.PerPage, found.Total)));
    }

    private static string CountryName(string code)
    {
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
