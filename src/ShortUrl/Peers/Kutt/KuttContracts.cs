namespace ShortUrl.Peers.Kutt;

/// <summary>A link as Kutt's API v2 shows it; <c>id</c> is the code, which Kutt's clients use only to name the link again.</summary>
internal sealed record KuttLink(
    string Id, string Address, bool Banned, DateTime Created_at, DateTime Updated_at, string? Description, DateTime? Expire_in,
    bool Password, string Target, long Visit_count, string Link)
{
    public static KuttLink From(Link link, string shortUrlBase) => new(
        link.Code, link.Code, false, link.CreatedAt, link.CreatedAt, link.Title, link.ExpiresAt, link.PasswordHash is not null, link.Url,
        link.Clicks, shortUrlBase + link.Code);
}

internal sealed record KuttLinkList(int Limit, int Skip, long Total, IReadOnlyList<KuttLink> Data);

internal sealed record KuttMessage(string Message);

internal sealed record KuttError(string Error);

internal sealed record KuttStatDetail(string Name, long Value);

internal sealed record KuttStatDetails(
    IReadOnlyList<KuttStatDetail> Browser, IReadOnlyList<KuttStatDetail> Os, IReadOnlyList<KuttStatDetail> Country,
    IReadOnlyList<KuttStatDetail> Referrer);

internal sealed record KuttPeriodStats(KuttStatDetails Stats, IReadOnlyList<long> Views);

/// <summary>Kutt's stats of a link: the link, and its visitors over the last day, week, month, year and all time.</summary>
internal sealed record KuttLinkStats(
    string Id, string Address, bool Banned, DateTime Created_at, DateTime Updated_at, bool Password, string Target, long Visit_count,
    string Link, KuttPeriodStats LastDay, KuttPeriodStats LastWeek, KuttPeriodStats LastMonth, KuttPeriodStats LastYear,
    KuttPeriodStats AllTime, DateTime UpdatedAt);
