namespace ShortUrl.Stats;

/// <summary><c>GET</c> and <c>DELETE /api/urls/{code}/visits</c>: a link's visits one by one, and forgetting them.</summary>
internal static class VisitsApi
{
    /// <param name="links">The <c>/api/urls</c> group.</param>
    public static RouteGroupBuilder MapVisits(this RouteGroupBuilder links)
    {
        links.MapGet("/{code}/visits", List)
            .Describe("ListLinkVisits", "A link's visits, one by one, newest first",
                $"""
                Each visit: its time, the referrer's host, browser and OS families, whether a bot, and the country (when
                ShortUrl:GeoIpDatabase is set); never the address. 'from' and 'to': UTC days (YYYY-MM-DD, both included)
                or ISO 8601 times with an offset ('to' included); 'page' from 1, 'pageSize' 1 to
                {VisitQuery.MaxPageSize} ({VisitQuery.DefaultPageSize} when left out); 'total' counts every visit in the
                range. Whoever may see the link's stats may list its visits. Visits appear a moment after the redirect.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymousWhen(AnonymousMode.CreateAndList);

        links.MapDelete("/{code}/visits", Delete)
            .Describe("DeleteLinkVisits", "Forget a link's visits",
                $"""
                Deletes every visit row of the link; its click counts and the stats' daily counts stay. Needs an admin
                key in {KeyRing.HeaderName}.
                """)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireApiKey();

        return links;
    }

    private static async Task<Results<Ok<VisitPageResponse>, ValidationProblem, ProblemHttpResult>> List(
        string code, string? from, string? to, string? page, string? pageSize, HttpContext context, LinkService links,
        IVisitLog visits, CancellationToken cancellationToken)
    {
        var (fromMs, toMs, rangeProblem) = VisitQuery.Range(from, to);
        if (rangeProblem is not null)
        {
            return rangeProblem;
        }

        var (number, size, pageProblem) = VisitQuery.Page(page, pageSize);
        if (pageProblem is not null)
        {
            return pageProblem;
        }

        var link = await links.FindAsync(code, cancellationToken);
        if (link is null)
        {
            return Problems.NotFound(code);
        }

        if (Requester.Of(context) is var requester && !requester.MaySee(link))
        {
            return requester.Refusal(link);
        }

        var found = await visits.VisitsAsync(link.Id, fromMs, toMs, (long)(number - 1) * size, size, cancellationToken);
        return TypedResults.Ok(new VisitPageResponse(found.Items.Select(VisitResponse.From).ToList(), number, size, found.Total));
    }

    private static async Task<Results<Ok<DeletedVisitsResponse>, ProblemHttpResult>> Delete(
        string code, HttpContext context, LinkService links, IVisitLog visits, CancellationToken cancellationToken)
    {
        if (AdminRefusal(context, "Deleting a link's visits needs an admin key.") is { } refusal)
        {
            return refusal;
        }

        var link = await links.FindAsync(code, cancellationToken);
        if (link is null)
        {
            return Problems.NotFound(code);
        }

        return TypedResults.Ok(new DeletedVisitsResponse(await visits.DeleteVisitsAsync(link.Id, cancellationToken)));
    }

    /// <summary>403 for a key that is not an admin's; null for an admin's.</summary>
    internal static ProblemHttpResult? AdminRefusal(HttpContext context, string detail) => Requester.Of(context).Caller is { IsAdmin: true }
        ? null
        : TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Admin key required");
}
