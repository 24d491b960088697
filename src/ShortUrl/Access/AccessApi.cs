namespace ShortUrl.Access;

/// <summary>What the service allows, as <c>GET /api/access</c> tells the page.</summary>
/// <param name="Anonymous"><c>CreateAndList</c>, <c>Create</c> or <c>None</c>: what callers without a key may do.</param>
/// <param name="KeysEnabled">Whether any key exists, in the configuration or the database.</param>
/// <param name="Caller">The holder of the key sent in <c>X-Api-Key</c>; null without one.</param>
internal sealed record AccessResponse(string Anonymous, bool KeysEnabled, CallerResponse? Caller);

/// <param name="Name">The key's name.</param>
/// <param name="Role"><c>admin</c> or <c>author</c>.</param>
internal sealed record CallerResponse(string Name, string Role);

/// <summary><c>GET /api/access</c>: the anonymous mode, whether keys exist, and who the caller is.</summary>
internal static class AccessApi
{
    public static RouteHandlerBuilder MapAccess(this IEndpointRouteBuilder routes) => routes
        .MapGet("/api/access", Access)
        .WithName("GetAccess")
        .WithTags("Access")
        .WithSummary("What callers without a key may do, and who the caller is")
        .WithDescription($"With a key in {KeyRing.HeaderName}, 'caller' names it and its role; a key the service does not accept is 403.")
        .AllowAnonymousWhen(AnonymousMode.None);

    private static async Task<Ok<AccessResponse>> Access(HttpContext context, KeyRing keys)
    {
        var requester = Requester.Of(context);
        var caller = requester.Caller is { } c ? new CallerResponse(c.Name, ApiKeyRoles.ToText(c.Role)) : null;
        return TypedResults.Ok(new AccessResponse(requester.Mode.ToString(), await keys.AnyAsync(context.RequestAborted), caller));
    }
}
