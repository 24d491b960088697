namespace ShortUrl.Stats;

/// <summary>A request that found no link, as <c>GET /api/visits/orphan</c> lists it.</summary>
/// <param name="Kind">base_url, invalid_short_url or regular_404.</param>
/// <param name="Path">The path asked for (its first 1024 characters), without the query.</param>
/// <param name="VisitedAt">When, UTC, to the millisecond.</param>
/// <param name="Referrer">The host of the page that sent the visitor; null when none was sent.</param>
/// <param name="Browser">The browser family, or a bot's name.</param>
/// <param name="Os">The OS family.</param>
/// <param name="Bot">A crawler, link-preview fetcher or script.</param>
/// <param name="Country">ISO 3166 code; null when unknown.</param>
internal sealed record OrphanVisitResponse(
    string Kind, string Path, DateTime VisitedAt, string? Referrer, string Browser, string Os, bool Bot, string? Country)
{
    public static OrphanVisitResponse From(LoggedVisit visit) => new(
        visit.Kind ?? "", visit.Path ?? "", DateTime.UnixEpoch.AddMilliseconds(visit.VisitedAt),
        visit.Referrer.Length == 0 ? null : visit.Referrer, visit.Browser, visit.Os, visit.Bot != 0, visit.Country);
}

/// <summary>A page of orphan visits, newest first.</summary>
internal sealed record OrphanVisitPageResponse(List<OrphanVisitResponse> Items, int Page, int PageSize, long Total);

/// <summary>Orphan visits per kind.</summary>
internal sealed record OrphanVisitSummary(long BaseUrl, long InvalidShortUrl, long Regular404, long Total);

/// <summary><c>/api/visits/orphan</c>: requests for unknown codes, the base URL and other paths nothing serves (admin keys).</summary>
internal static class OrphanVisitsApi
{
    public static RouteGroupBuilder MapOrphanVisits(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/visits/orphan").WithTags("Visits");

        group.MapGet("/", List)
            .Describe("ListOrphanVisits", "Requests that found no link, newest first",
                $"""
                'kind': base_url (the base URL, counted only when ShortUrl:NotFoundRedirects:BaseUrl sends it elsewhere;
                otherwise it is the page), invalid_short_url (a code no link has) or regular_404 (any other path nothing
                serves); all kinds when left out. 'page' from 1, 'pageSize' 1 to {VisitQuery.MaxPageSize}. Needs an
                admin key in {KeyRing.HeaderName}.
                """)
            .ProducesValidationProblem()
            .RequireApiKey();

        group.MapGet("/summary", Summary)
            .Describe("CountOrphanVisits", "Requests that found no link, counted per kind",
                $"Needs an admin key in {KeyRing.HeaderName}.")
            .RequireApiKey();

        return group;
    }

    private static async Task<Results<Ok<OrphanVisitPageResponse>, ValidationProblem, ProblemHttpResult>> List(
        string? kind, string? page, string? pageSize, HttpContext context, IVisitLog visits, CancellationToken cancellationToken)
    {
        if (VisitsApi.AdminRefusal(context, "Orphan visits are every key's: listing them needs an admin key.") is { } refusal)
        {
            return refusal;
        }

        if (kind is not null && OrphanKinds.Parse(kind) is null)
        {
            return Problems.Validation("kind", $"'kind' must be {OrphanKinds.BaseUrl}, {OrphanKinds.InvalidShortUrl} or {OrphanKinds.Regular404}.");
        }

        var (number, size, pageProblem) = VisitQuery.Page(page, pageSize);
        if (pageProblem is not null)
        {
            return pageProblem;
        }

        var found = await visits.OrphansAsync(kind, (long)(number - 1) * size, size, cancellationToken);
        return TypedResults.Ok(new OrphanVisitPageResponse(found.Items.Select(OrphanVisitResponse.From).ToList(), number, size, found.Total));
    }

    private static async Task<Results<Ok<OrphanVisitSummary>, ProblemHttpResult>> Summary(
        HttpContext context, IVisitLog visits, CancellationToken cancellationToken)
    {
        if (VisitsApi.AdminRefusal(context, "Orphan visits are every key's: counting them needs an admin key.") is { } refusal)
        {
            return refusal;
        }

        var counts = (await visits.OrphanCountsAsync(cancellationToken)).ToDictionary(c => c.Kind, c => c.Visits, StringComparer.Ordinal);
        long Of(string kind) => counts.GetValueOrDefault(kind);
        return TypedResults.Ok(new OrphanVisitSummary(
            Of(OrphanKinds.BaseUrl), Of(OrphanKinds.InvalidShortUrl), Of(OrphanKinds.Regular404), counts.Values.Sum()));
    }
}
