namespace ShortUrl.Peers.Shlink;

/// <summary>What Shlink says of the server itself: health, its domains (ShortUrl has one, the default), Mercure (none).</summary>
internal static class ShlinkServer
{
    /// <summary>The Shlink version whose API this adapter answers as; clients turn features on by it.</summary>
    public const string Version = "4.4.0";

    public static async Task<JsonHttpResult<ShlinkHealth>> Health(IDatabaseProbe probe, CancellationToken cancellationToken)
    {
        var links = new ShlinkHealthLinks("https://shlink.io", "https://github.com/shlinkio/shlink");
        bool up;
        try
        {
            up = await probe.CanConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            up = false;
        }

        return up
            ? TypedResults.Json(new ShlinkHealth("pass", Version, links), contentType: "application/health+json")
            : TypedResults.Json(new ShlinkHealth("fail", Version, links), contentType: "application/health+json", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public static Ok<ShlinkDomainList> Domains(HttpRequest request, PublicAddress address, Microsoft.Extensions.Options.IOptions<ShortUrlOptions> options)
    {
        var redirects = Redirects(options.Value);
        return TypedResults.Ok(new ShlinkDomainList(new ShlinkDomainPage(
            [new ShlinkDomain(AuthorityOf(address.ShortUrlBase(request)), true, redirects)], redirects)));
    }

    public static ProblemHttpResult EditDomainRedirects() =>
        ShlinkProblems.NotSupported("Changing the not-found redirects through the API (set ShortUrl:NotFoundRedirects instead)");

    public static ProblemHttpResult MercureInfo() => ShlinkProblems.MercureNotConfigured();

    public static ProblemHttpResult DeleteOrphanVisits() => ShlinkProblems.NotSupported("Deleting orphan visits");

    /// <summary>Whether <paramref name="domain"/> names the one domain: Shlink's <c>DEFAULT</c>, or its authority.</summary>
    public static bool IsTheDomain(string domain, string shortUrlBase) =>
        domain == "DEFAULT" || string.Equals(domain, AuthorityOf(shortUrlBase), StringComparison.OrdinalIgnoreCase);

    private static string AuthorityOf(string shortUrlBase) =>
        Uri.TryCreate(shortUrlBase, UriKind.Absolute, out var uri) ? uri.Authority : shortUrlBase;

    private static ShlinkDomainRedirects Redirects(ShortUrlOptions options) => new(
        options.NotFoundRedirects?.BaseUrl, options.NotFoundRedirects?.Regular404, options.NotFoundRedirects?.InvalidShortUrl);
}
