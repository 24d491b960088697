namespace ShortUrl.Peers.Shlink;

/// <summary>A short URL as Shlink's REST API v3 shows it.</summary>
internal sealed record ShlinkShortUrl(
    string ShortUrl, string ShortCode, string LongUrl, string DateCreated, IReadOnlyList<string> Tags, ShlinkMeta Meta,
    string? Domain, string? Title, bool Crawlable, bool ForwardQuery, ShlinkVisitsSummary VisitsSummary, bool HasRedirectRules)
{
    /// <param name="link">The stored link.</param>
    /// <param name="shortUrlBase">The base of short links, ending in '/'.</param>
    /// <param name="bots">The link's visits by bots, besides its clicks.</param>
    public static ShlinkShortUrl From(Link link, string shortUrlBase, long bots) => new(
        shortUrlBase + link.Code, link.Code, link.Url, ShlinkDates.Format(link.CreatedAt), link.Tags ?? [],
        new ShlinkMeta(null, link.ExpiresAt is { } expiry ? ShlinkDates.Format(expiry) : null, link.MaxClicks),
        null, link.Title, Crawlable: false, link.ForwardQuery, ShlinkVisitsSummary.Of(link.Clicks, bots),
        !string.IsNullOrEmpty(link.RedirectRules) && link.RedirectRules != "[]");
}

internal sealed record ShlinkMeta(string? ValidSince, string? ValidUntil, long? MaxVisits);

/// <summary>Visits in all, by people and by bots.</summary>
internal sealed record ShlinkVisitsSummary(long Total, long NonBots, long Bots)
{
    /// <param name="people">The visits of people (a link's clicks, which never count bots).</param>
    /// <param name="bots">The visits of bots.</param>
    public static ShlinkVisitsSummary Of(long people, long bots) => new(people + bots, people, bots);
}

internal sealed record ShlinkPagination(int CurrentPage, int PagesCount, long TotalItems)
{
    public static ShlinkPagination Of(int page, int perPage, long total) =>
        new(page, perPage <= 0 ? 1 : (int)Math.Max(1, (total + perPage - 1) / perPage), total);
}

internal sealed record ShlinkShortUrlPage(IReadOnlyList<ShlinkShortUrl> Data, ShlinkPagination Pagination);

internal sealed record ShlinkShortUrlList(ShlinkShortUrlPage ShortUrls);

internal sealed record ShlinkVisitLocation(
    string? CountryCode, string? CountryName, string? RegionName, string? CityName, double? Latitude, double? Longitude,
    string? Timezone, bool IsEmpty);

/// <summary>A visit; <see cref="Type"/> only for orphan visits.</summary>
internal sealed record ShlinkVisit(
    string Referer, string Date, string UserAgent, ShlinkVisitLocation? VisitLocation, bool PotentialBot, string? VisitedUrl,
    string? RedirectUrl)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }
}

internal sealed record ShlinkVisitPage(IReadOnlyList<ShlinkVisit> Data, ShlinkPagination Pagination);

internal sealed record ShlinkVisitList(ShlinkVisitPage Visits);

internal sealed record ShlinkVisitsOverview(ShlinkVisitsSummary NonOrphanVisits, ShlinkVisitsSummary OrphanVisits);

internal sealed record ShlinkVisitsOverviewResponse(ShlinkVisitsOverview Visits);

internal sealed record ShlinkDeletedVisits(long DeletedVisits);

internal sealed record ShlinkTagNames(IReadOnlyList<string> Data);

internal sealed record ShlinkTagList(ShlinkTagNames Tags);

internal sealed record ShlinkTagStats(string Tag, long ShortUrlsCount, ShlinkVisitsSummary VisitsSummary);

internal sealed record ShlinkTagStatsPage(IReadOnlyList<ShlinkTagStats> Data, ShlinkPagination Pagination);

internal sealed record ShlinkTagStatsList(ShlinkTagStatsPage Tags);

internal sealed record ShlinkTagRenaming(string? OldName, string? NewName);

internal sealed record ShlinkDomainRedirects(string? BaseUrlRedirect, string? Regular404Redirect, string? InvalidShortUrlRedirect);

internal sealed record ShlinkDomain(string Domain, bool IsDefault, ShlinkDomainRedirects Redirects);

internal sealed record ShlinkDomainPage(IReadOnlyList<ShlinkDomain> Data, ShlinkDomainRedirects DefaultRedirects);

internal sealed record ShlinkDomainList(ShlinkDomainPage Domains);

internal sealed record ShlinkHealth(string Status, string Version, ShlinkHealthLinks Links);

internal sealed record ShlinkHealthLinks(string About, string Project);

internal sealed record ShlinkRedirectCondition(string Type, string? MatchKey, string? MatchValue);

internal sealed record ShlinkRedirectRule(string LongUrl, int Priority, IReadOnlyList<ShlinkRedirectCondition> Conditions);

internal sealed record ShlinkRedirectRuleList(string DefaultLongUrl, IReadOnlyList<ShlinkRedirectRule> RedirectRules);

/// <summary>Dates as Shlink writes them (PHP's ATOM: seconds and the offset) and reads them (any ISO 8601).</summary>
internal static class ShlinkDates
{
    public static string Format(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string FormatMs(long ms) => Format(DateTime.UnixEpoch.AddMilliseconds(ms));

    /// <summary>An ISO 8601 date or time; UTC when it names no offset.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
}
