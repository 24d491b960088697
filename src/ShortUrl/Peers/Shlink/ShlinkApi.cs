using ShortUrl.Access;

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
        routes.MapGet("/rest/health", ShlinkServer.Health).WithTags(Tag).WithName("ShlinkHealth")
            .WithSummary("Shlink's health check: status pass or fail, and the Shlink version answered as");

        var group = routes.MapGroup("/rest/v3").WithTags(Tag)
            .RequirePeerKey(
                request => request.Headers[KeyRing.HeaderName].ToString(),
                (_, missing) => missing ? ShlinkProblems.MissingAuthentication() : ShlinkProblems.InvalidApiKey())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .DisableAntiforgery();
        routes.MapGet("/rest/v3/health", ShlinkServer.Health).WithTags(Tag).WithName("ShlinkHealthV3")
            .WithSummary("Shlink's health check, under the version prefix as the SDK asks for it");

        group.MapGet("/short-urls", ShlinkShortUrls.List).WithName("ShlinkListShortUrls")
            .WithSummary("Short URLs, a page at a time: page, itemsPerPage, searchTerm, tags[], tagsMode, orderBy, startDate, endDate, excludeMaxVisitsReached, excludePastValidUntil")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/short-urls", ShlinkShortUrls.Create).WithName("ShlinkCreateShortUrl")
            .WithSummary("Create a short URL: longUrl, customSlug, tags, title, validSince, validUntil, maxVisits, crawlable, forwardQuery, findIfExists, shortCodeLength")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireCreateRateLimit();
        group.MapGet("/short-urls/{shortCode}", ShlinkShortUrls.Get).WithName("ShlinkGetShortUrl").WithSummary("One short URL");
        group.MapPatch("/short-urls/{shortCode}", ShlinkShortUrls.Edit).WithName("ShlinkEditShortUrl")
            .WithSummary("Change a short URL: the members sent change, null clears");
        group.MapDelete("/short-urls/{shortCode}", ShlinkShortUrls.Delete).WithName("ShlinkDeleteShortUrl").WithSummary("Delete a short URL");
        group.MapGet("/short-urls/{shortCode}/redirect-rules", ShlinkRedirectRules.Get).WithName("ShlinkGetRedirectRules")
            .WithSummary("A short URL's redirect rules");
        group.MapPost("/short-urls/{shortCode}/redirect-rules", ShlinkRedirectRules.Set).WithName("ShlinkSetRedirectRules")
            .WithSummary("Replace a short URL's redirect rules (device, language and query-param conditions)");
        group.MapGet("/short-urls/{shortCode}/visits", ShlinkVisits.OfShortUrl).WithName("ShlinkShortUrlVisits").WithSummary("A short URL's visits");
        group.MapDelete("/short-urls/{shortCode}/visits", ShlinkVisits.DeleteOfShortUrl).WithName("ShlinkDeleteShortUrlVisits")
            .WithSummary("Forget a short URL's visits (admin keys)");

        group.MapGet("/tags", ShlinkTags.List).WithName("ShlinkListTags").WithSummary("The tags in use");
        group.MapGet("/tags/stats", ShlinkTags.Stats).WithName("ShlinkTagsStats").WithSummary("The tags with their short URLs and visits");
        group.MapPut("/tags", ShlinkTags.Rename).WithName("ShlinkRenameTag").WithSummary("Rename a tag (admin keys)");
        group.MapDelete("/tags", ShlinkTags.Delete).WithName("ShlinkDeleteTags").WithSummary("Delete tags[] (admin keys)");
        group.MapGet("/tags/{tag}/visits", ShlinkVisits.OfTag).WithName("ShlinkTagVisits").WithSummary("The visits of a tag's short URLs");

        group.MapGet("/domains", ShlinkServer.Domains).WithName("ShlinkListDomains").WithSummary("The one domain, the default");
        group.MapPatch("/domains/redirects", ShlinkServer.EditDomainRedirects).WithName("ShlinkEditDomainRedirects")
            .WithSummary("Not supported: the not-found redirects are configuration");
        group.MapGet("/domains/{domain}/visits", ShlinkVisits.OfDomain).WithName("ShlinkDomainVisits").WithSummary("The default domain's visits");

        group.MapGet("/visits", ShlinkVisits.Overview).WithName("ShlinkVisitsOverview").WithSummary("Visits in all, orphan and not");
        group.MapGet("/visits/non-orphan", ShlinkVisits.NonOrphan).WithName("ShlinkNonOrphanVisits").WithSummary("Every short URL's visits");
        group.MapGet("/visits/orphan", ShlinkVisits.Orphan).WithName("ShlinkOrphanVisits").WithSummary("Requests that found no short URL (admin keys)");
        group.MapDelete("/visits/orphan", ShlinkServer.DeleteOrphanVisits).WithName("ShlinkDeleteOrphanVisits").WithSummary("Not supported");
        group.MapGet("/mercure-info", ShlinkServer.MercureInfo).WithName("ShlinkMercureInfo").WithSummary("No Mercure hub: 501, as Shlink without one");
        return group;
    }
}
