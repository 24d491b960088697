namespace ShortUrl.Storage;

/// <summary>What kind of request found no link (the orphan visits' <c>kind</c>, as Shlink names them).</summary>
internal enum OrphanKind
{
    /// <summary>The bare base URL, when it is not the page (see <c>ShortUrl:NotFoundRedirects:BaseUrl</c>).</summary>
    BaseUrl,

    /// <summary>A path shaped like a code that no link has.</summary>
    InvalidShortUrl,

    /// <summary>Any other path that nothing serves.</summary>
    Regular404,
}

/// <summary>The names the API and the tables give <see cref="OrphanKind"/>.</summary>
internal static class OrphanKinds
{
    public const string BaseUrl = "base_url";
    public const string InvalidShortUrl = "invalid_short_url";
    public const string Regular404 = "regular_404";

    public static string Name(OrphanKind kind) => kind switch
    {
        OrphanKind.BaseUrl => BaseUrl,
        OrphanKind.InvalidShortUrl => InvalidShortUrl,
        _ => Regular404,
    };

    public static OrphanKind? Parse(string? name) => name switch
    {
        BaseUrl => OrphanKind.BaseUrl,
        InvalidShortUrl => OrphanKind.InvalidShortUrl,
        Regular404 => OrphanKind.Regular404,
        _ => null,
    };
}

/// <summary>
/// One visit of a link as the visit log keeps it: <c>VisitedAt</c> in milliseconds since 1970-01-01 UTC, the referring
/// page's host (empty for none), and the country's ISO 3166 code (null when unknown).
/// </summary>
internal readonly record struct VisitRow(long LinkId, long VisitedAt, string Referrer, string Browser, string Os, bool Bot, string? Country);

/// <summary>One request that found no link.</summary>
internal readonly record struct OrphanVisitRow(OrphanKind Kind, string Path, long VisitedAt, string Referrer, string Browser, string Os, bool Bot, string? Country)
{
    /// <summary>Longer paths are kept cut to this many characters.</summary>
    public const int MaxPathLength = 1024;
}

/// <summary>A visit as the visit log reads it back.</summary>
internal sealed class LoggedVisit
{
    public long VisitedAt { get; set; }

    public string Referrer { get; set; } = "";

    public string Browser { get; set; } = "";

    public string Os { get; set; } = "";

    public long Bot { get; set; }

    public string? Country { get; set; }

    /// <summary>For orphan visits: the kind's name and the path; null for a link's.</summary>
    public string? Kind { get; set; }

    public string? Path { get; set; }

    /// <summary>For visits read across links: the link's code; null otherwise.</summary>
    public string? Code { get; set; }
}

/// <summary>A page of visits and how many there are on every page together.</summary>
internal sealed record VisitPage(IReadOnlyList<LoggedVisit> Items, long Total);

/// <summary>Visits per country (people only).</summary>
internal sealed class CountryVisits
{
    public string Country { get; set; } = "";

    public long Visits { get; set; }
}

/// <summary>Orphan visits per kind, and those of them by bots.</summary>
internal sealed class OrphanCount
{
    public string Kind { get; set; } = "";

    public long Visits { get; set; }

    public long Bots { get; set; }
}
