namespace ShortUrl.Redirects;

/// <summary>A short link's own paths: <c>/{code}</c> (follow, check, unlock with a password) and <c>/{code}+</c> (preview).</summary>
internal static class RedirectsApi
{
    public static IServiceCollection AddRedirects(this IServiceCollection services) =>
        services.AddRouting(routing => routing.ConstraintMap["shortcode"] = typeof(ShortCodeRouteConstraint));

    public static RouteGroupBuilder MapRedirects(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Redirects");
        group.MapFollowLinks();
        group.MapLinkPasswords();
        group.MapLinkPreview();
        return group;
    }
}
