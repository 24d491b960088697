namespace ShortUrl.Peers.Bitly;

/// <summary>A bitlink as Bitly's API v4 shows it: <c>id</c> is the short link without its scheme (host/code).</summary>
internal sealed record BitlyLink(
    Dictionary<string, string> References, bool Archived, IReadOnlyList<string> Tags, string Created_at, string? Title,
    IReadOnlyList<string> Deeplinks, string? Created_by, string Long_url, IReadOnlyList<string> Custom_bitlinks, string Link, string Id)
{
    public static BitlyLink From(Link link, string shortUrlBase) => new(
        [], false, link.Tags ?? [], BitlyDates.Format(link.CreatedAt), link.Title, [], link.CreatedBy, link.Url, [], shortUrlBase + link.Code,
        BitlyIds.Of(shortUrlBase, link.Code));
}

internal sealed record BitlyExpanded(string Created_at, string Link, string Id, string Long_url);

internal sealed record BitlyLinkClicks(string Date, long Clicks);

internal sealed record BitlyClicks(IReadOnlyList<BitlyLinkClicks> Link_clicks, int Units, string Unit, string Unit_reference);

internal sealed record BitlyClicksSummary(long Total_clicks, int Units, string Unit, string Unit_reference);

internal sealed record BitlyMetric(string Value, long Clicks);

internal sealed record BitlyMetricList(IReadOnlyList<BitlyMetric> Metrics, int Units, string Unit, string Unit_reference, string Facet);

internal sealed record BitlyFieldError(string Field, string Message, string Error_code);

/// <summary>Bitly's error: a code as <c>message</c>, the words in <c>description</c>, what it was about, and the fields at fault.</summary>
internal sealed record BitlyError(string Message, string Description, string Resource, IReadOnlyList<BitlyFieldError> Errors);

/// <summary>Dates as Bitly writes them: seconds, and the offset without a colon.</summary>
internal static class BitlyDates
{
    public static string Format(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'+0000'", CultureInfo.InvariantCulture);
}

/// <summary>Bitlink ids: the short link without its scheme, as Bitly names them (<c>bit.ly/abc</c>; here <c>host/code</c>).</summary>
internal static class BitlyIds
{
    public static string Of(string shortUrlBase, string code) =>
        (Uri.TryCreate(shortUrlBase, UriKind.Absolute, out var uri) ? uri.Authority + uri.AbsolutePath : shortUrlBase) + code;
}
