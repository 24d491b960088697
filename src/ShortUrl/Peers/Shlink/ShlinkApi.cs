namespace ShortUrl.Peers.Shlink;

/// <summary>
/// Shlink's REST API v3 under <c>/rest/v3</c>, and <c>/rest/health</c>, so that Shlink's web client, its SDK and the
/// scripts written for them manage ShortUrl unchanged. An adapter: every request goes through the native services and
/// rules, with the caller's key (<c>X-Api-Key</c>, as in Shlink) in the native access model.
/// </summary>
internal static class ShlinkApi
{
    public const string Tag = "Shlink REST API v3";

    public static RouteGroupBuilder MapShlink(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/rest/health", ShlinkServer.Health).WithTags(Tag).Describe("ShlinkHealth",
            "Shlink's health check: status pass or fail, and the Shlink version answered as");

        var group = routes.MapGroup("/rest/v3").WithTags(Tag)
            .RequirePeerKey(
                request => request.Headers[KeyRing.HeaderName].ToString(),
                (_, missing) => missing ? ShlinkProblems.MissingAuthentication() : ShlinkProblems.InvalidApiKey())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .DisableAntiforgery();
        routes.MapGet("/rest/v3/health", ShlinkServer.Health).WithTags(Tag).Describe("ShlinkHealthV3",
            "Shlink's health check, under the version prefix as the SDK asks for it");

        MapShortUrls(group);
        MapTags(group);
        MapVisits(group);
        MapServer(group);
        return group;
    }

    /// <summary><c>/short-urls</c> and their redirect rules.</summary>
    private static void MapShortUrls(RouteGroupBuilder group)
    {
        group.MapGet("/short-urls", ShlinkShortUrls.List).Describe("ShlinkListShortUrls",
            "Short URLs, a page at a time: page, itemsPerPage, searchTerm, tags[], tagsMode, orderBy, startDate, endDate, excludeMaxVisitsReached, excludePastValidUntil")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/short-urls", ShlinkShortUrls.Create).Describe("ShlinkCreateShortUrl",
            "Create a short URL: longUrl, customSlug, tags, title, validSince, validUntil, maxVisits, crawlable, forwardQuery, findIfExists, shortCodeLength")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireCreateRateLimit();
        group.MapGet("/short-urls/{shortCode}", ShlinkShortUrls.Get).Describe("ShlinkGetShortUrl", "One short URL");
        group.MapPatch("/short-urls/{shortCode}", ShlinkShortUrls.Edit).Describe("ShlinkEditShortUrl",
            "Change a short URL: the members sent change, null clears");
        group.MapDelete("/short-urls/{shortCode}", ShlinkShortUrls.Delete).Describe("ShlinkDeleteShortUrl", "Delete a short URL");
        group.MapGet("/short-urls/{shortCode}/redirect-rules", ShlinkRedirectRules.Get).Describe("ShlinkGetRedirectRules",
            "A short URL's redirect rules");
        group.MapPost("/short-urls/{shortCode}/redirect-rules", ShlinkRedirectRules.Set).Describe("ShlinkSetRedirectRules",
            "Replace a short URL's redirect rules (device, language and query-param conditions)");
    }

    /// <summary><c>/tags</c>.</summary>
    private static void MapTags(RouteGroupBuilder group)
    {
        group.MapGet("/tags", ShlinkTags.List).Describe("ShlinkListTags", "The tags in use");
        group.MapGet("/tags/stats", ShlinkTags.Stats).Describe("ShlinkTagsStats", "The tags with their short URLs and visits");
        group.MapPut("/tags", ShlinkTags.Rename).Describe("ShlinkRenameTag", "Rename a tag (admin keys)");
        group.MapDelete("/tags", ShlinkTags.Delete).Describe("ShlinkDeleteTags", "Delete tags[] (admin keys)");
    }

    /// <summary>Visits of a short URL, a tag, the domain, and all of them.</summary>
    private static void MapVisits(RouteGroupBuilder group)
    {
        group.MapGet("/short-urls/{shortCode}/visits", ShlinkVisits.OfShortUrl).Describe("ShlinkShortUrlVisits", "A short URL's visits");
        group.MapDelete("/short-urls/{shortCode}/visits", ShlinkVisits.DeleteOfShortUrl).Describe("ShlinkDeleteShortUrlVisits",
            "Forget a short URL's visits (admin keys)");
        group.MapGet("/tags/{tag}/visits", ShlinkVisits.OfTag).Describe("ShlinkTagVisits", "The visits of a tag's short URLs");
        group.MapGet("/domains/{domain}/visits", ShlinkVisits.OfDomain).Describe("ShlinkDomainVisits", "The default domain's visits");
        group.MapGet("/visits", ShlinkVisits.Overview).Describe("ShlinkVisitsOverview", "Visits in all, orphan and not");
        group.MapGet("/visits/non-orphan", ShlinkVisits.NonOrphan).Describe("ShlinkNonOrphanVisits", "Every short URL's visits");
        group.MapGet("/visits/orphan", ShlinkVisits.Orphan).Describe("ShlinkOrphanVisits", "Requests that found no short URL (admin keys)");
    }

    /// <summary>The domain, its redirects, orphan visits' deletion and Mercure: what Shlink configures per server.</summary>
    private static void MapServer(RouteGroupBuilder group)
    {
        group.MapPatch("/domains/redirects", ShlinkServer.EditDomainRedirects).Describe("ShlinkEditDomainRedirects",
            "Not supported: the not-found redirects are configuration");
        group.MapGet("/domains", ShlinkServer.Domains).Describe("ShlinkListDomains", "The one domain, the default");
        group.MapDelete("/visits/orphan", ShlinkServer.DeleteOrphanVisits).Describe("ShlinkDeleteOrphanVisits", "Not supported");
        group.MapGet("/mercure-info", ShlinkServer.MercureInfo).Describe("ShlinkMercureInfo", "No Mercure hub: 501, as Shlink without one");
    }
}
