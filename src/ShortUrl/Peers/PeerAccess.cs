namespace ShortUrl.Peers;

/// <summary>
/// The access model for the peers' APIs: the same keys, roles and <see cref="Requester"/> as the native API, only read
/// from where each peer's clients send the key and refused in each peer's own words. A key that is missing or wrong is
/// refused before the endpoint runs; what the caller may do with one link the endpoint asks <see cref="Requester"/>,
/// as the native endpoints do.
/// </summary>
internal sealed class PeerAccess(Func<HttpRequest, string?> presentedKey, Func<HttpContext, bool, IResult> refusal) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var (outcome, caller) = await AdmitAsync(context, presentedKey(context.Request));
        return caller is null ? refusal(context, outcome == KeyRing.Outcome.Missing) : await next(invocation);
    }

    /// <summary>
    /// Checks <paramref name="presented"/>; for a valid key, notes its use and makes its holder the request's
    /// <see cref="Requester"/>. For an API whose key is in the body, which a filter cannot read before the endpoint.
    /// </summary>
    public static async Task<(KeyRing.Outcome Outcome, Caller? Caller)> AdmitAsync(HttpContext context, string? presented)
    {
        var keys = context.RequestServices.GetRequiredService<KeyRing>();
        var (outcome, caller) = await keys.CheckAsync(presented, context.RequestAborted);
        if (caller is not null)
        {
            context.RequestServices.GetRequiredService<KeyUses>().Note(caller.Name);
            var mode = context.RequestServices.GetRequiredService<IOptions<ShortUrlOptions>>().Value.EffectiveAnonymous;
            context.Features.Set(new Requester(caller, mode));
        }

        return (outcome, caller);
    }
}

internal static class PeerAccessEndpoints
{
    /// <summary>Every endpoint of the group needs a valid key, read by <paramref name="presentedKey"/>.</summary>
    public static RouteGroupBuilder RequirePeerKey(
        this RouteGroupBuilder group, Func<HttpRequest, string?> presentedKey, Func<HttpContext, bool, IResult> refusal) =>
        group.AddEndpointFilter(new PeerAccess(presentedKey, refusal));
}
