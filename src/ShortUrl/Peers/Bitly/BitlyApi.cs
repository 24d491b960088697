namespace ShortUrl.Peers.Bitly;

/// <summary>
/// Bitly's API v4 under <c>/v4</c>, with the key in <c>Authorization</c> (<c>Bearer key</c>, or the bare key as the
/// <c>bitly</c> npm client sends it): shorten, bitlinks (create, get, patch), expand, and a bitlink's clicks, their
/// summary, referrers and countries. A bitlink is named <c>host/code</c>, or by its code alone.
/// </summary>
internal static class BitlyApi
{
    public const string Tag = "Bitly API v4";

    public static RouteGroupBuilder MapBitly(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v4").WithTags(Tag)
            .RequirePeerKey(KeyOf, (_, _) => BitlyErrors.Forbidden())
            .DisableAntiforgery();
        group.MapPost("/shorten", BitlyLinks.Shorten).Describe("BitlyShorten",
            "Shorten long_url; the same long URL shortened again by the same key gets its bitlink back")
            .RequireCreateRateLimit();
        group.MapPost("/bitlinks", BitlyLinks.Create).Describe("BitlyCreateBitlink", "Create a bitlink: long_url, title, tags")
            .RequireCreateRateLimit();
        group.MapPost("/expand", BitlyLinks.Expand).Describe("BitlyExpand", "The long URL of bitlink_id");

        // A bitlink is host/code, two segments, as the clients send it; a bare code is taken too.
        foreach (var (prefix, suffix) in new[] { ("/bitlinks/{domain}/{hash}", "ByDomain"), ("/bitlinks/{hash}", "") })
        {
            group.MapGet(prefix, BitlyLinks.Get).Describe("BitlyGetBitlink" + suffix, "A bitlink");
            group.MapPatch(prefix, BitlyLinks.Update).Describe("BitlyUpdateBitlink" + suffix, "Change a bitlink's long_url, title or tags");
            group.MapGet(prefix + "/clicks", BitlyMetrics.Clicks).Describe("BitlyClicks" + suffix,
                "Clicks per unit (minute, hour, day, week, month), newest first");
            group.MapGet(prefix + "/clicks/summary", BitlyMetrics.Summary).Describe("BitlyClicksSummary" + suffix, "Clicks in all");
            group.MapGet(prefix + "/referrers", BitlyMetrics.Referrers).Describe("BitlyReferrers" + suffix, "Clicks per referring host");
            group.MapGet(prefix + "/countries", BitlyMetrics.Countries).Describe("BitlyCountries" + suffix, "Clicks per country");
        }

        return group;
    }

    private static string? KeyOf(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString().Trim();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : authorization;
    }
}
