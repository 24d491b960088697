namespace ShortUrl.Redirects;

/// <summary>
/// A short link's own paths: <c>GET</c>/<c>HEAD /{code}</c> (follow, check: <see cref="RedirectEndpoint"/>),
/// <c>POST /{code}</c> (unlock with a password: <see cref="PasswordEndpoint"/>) and <c>/{code}+</c>
/// (<see cref="PreviewEndpoint"/>).
/// </summary>
internal static class RedirectsApi
{
    public static IServiceCollection AddRedirects(this IServiceCollection services) => services
        .AddSingleton<PasswordChecks>()
        .AddRouting(routing => routing.ConstraintMap["shortcode"] = typeof(ShortCodeRouteConstraint));

    public static RouteGroupBuilder MapRedirects(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Redirects");

        Follow(group.MapGet("/{code:shortcode}", RedirectEndpoint.Redirect), "FollowLink", "Follow a short link");
        Follow(group.MapMethods("/{code:shortcode}", [HttpMethods.Head], RedirectEndpoint.Redirect), "CheckLink",
            "Check a short link without counting a click");

        group.MapPost("/{code:shortcode}", PasswordEndpoint.Unlock)
            .Describe("UnlockLink", "Follow a password-protected link",
                """
                Form field 'password'. The right one answers 303 See Other to the target (and counts a click); a wrong
                one answers 403 (the form again for browsers); too many attempts from one client, or too many wrong ones
                at the link from everyone, answer 429, and 503 while too many passwords are being checked at once (both
                with Retry-After).
                """)
            .Accepts<UnlockRequest>("application/x-www-form-urlencoded")
            .Produces(StatusCodes.Status303SeeOther)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithMetadata(new AlternativeBody(StatusCodes.Status403Forbidden, "text/html"))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .RequirePasswordAttemptLimit()
            .WithMetadata(new AlternativeBody(StatusCodes.Status429TooManyRequests, "text/html"))
            .WithMetadata(new AlternativeBody(StatusCodes.Status503ServiceUnavailable, "text/html"))
            .DisableAntiforgery();

        group.MapGet("/{code:shortcode}+", PreviewEndpoint.Preview)
            .Describe("PreviewLink", "See where a short link goes without following it",
                """
                An HTML page: the target (hidden when the link is password-protected), created, clicks, expiry, click
                limit and the QR code. Counts no click.
                """)
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Produces<string>(StatusCodes.Status404NotFound, "text/html");

        return group;
    }

    private static void Follow(RouteHandlerBuilder endpoint, string name, string summary) => endpoint
        .Describe(name, summary, """
            Answers with the configured redirect status (302 by default; 301, 307 or 308 by configuration) and the target
            in Location. An unknown code is 404: an HTML page for browsers, problem JSON otherwise (or a 302 to
            ShortUrl:NotFoundRedirects:InvalidShortUrl when set; a GET of one counts as an orphan visit). A link past its
            expiry or click limit is 410 Gone (a page or problem JSON alike); a password-protected link answers browsers
            with a password form (which posts to the same path) and others with 403.
            """)
        .Produces(StatusCodes.Status302Found)
        .Produces(StatusCodes.Status301MovedPermanently)
        .Produces(StatusCodes.Status307TemporaryRedirect)
        .Produces(StatusCodes.Status308PermanentRedirect)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .WithMetadata(new AlternativeBody(StatusCodes.Status404NotFound, "text/html"))
        .ProducesProblem(StatusCodes.Status410Gone)
        .WithMetadata(new AlternativeBody(StatusCodes.Status410Gone, "text/html"))
        .ProducesProblem(StatusCodes.Status403Forbidden);
}
