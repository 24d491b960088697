namespace ShortUrl.Peers.Kutt;

/// <summary>
/// Kutt's API v2 under <c>/api/v2</c>, with the key in <c>X-API-KEY</c> as Kutt's clients send it: links (list,
/// create, edit, delete, stats) and health, as an adapter over the native services and access model.
/// </summary>
internal static class KuttApi
{
    public const string Tag = "Kutt API v2";

    public static RouteGroupBuilder MapKutt(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v2/health", () => TypedResults.Text("OK")).WithTags(Tag).Describe("KuttHealth", "OK while the service answers");

        var group = routes.MapGroup("/api/v2").WithTags(Tag)
            .RequirePeerKey(
                request => request.Headers["X-API-KEY"].ToString(),
                (_, missing) => KuttLinks.Error(StatusCodes.Status401Unauthorized, missing ? "Unauthorized." : "API key is not correct."))
            .DisableAntiforgery();
        group.MapGet("/links", KuttLinks.List).Describe("KuttListLinks", "The key's links, newest first: skip, limit (up to 50), all (admin keys)");
        group.MapPost("/links", KuttLinks.Create).Describe("KuttCreateLink",
            "Create a link: target, customurl, description, expire_in, password, reuse")
            .RequireCreateRateLimit();
        group.MapPatch("/links/{id}", KuttLinks.Edit).Describe("KuttEditLink", "Change a link's target, description or expire_in");
        group.MapDelete("/links/{id}", KuttLinks.Delete).Describe("KuttDeleteLink", "Delete a link");
        group.MapGet("/links/{id}/stats", KuttLinks.Stats).Describe("KuttLinkStats", "A link's visitors over the last day, week, month, year and all time");
        // The kutt npm client (3.0.2) asks for stats with DELETE; answered the same, and nothing is deleted.
        group.MapDelete("/links/{id}/stats", KuttLinks.Stats).Describe("KuttLinkStatsAsTheNpmClientAsks",
            "A link's stats, for the kutt npm client, which asks with DELETE; deletes nothing");
        return group;
    }
}
