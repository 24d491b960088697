namespace ShortUrl.Access;

/// <summary>
/// Endpoint metadata: who may call the endpoint at all. A key is needed always (<see cref="AnonymousFrom"/> null) or
/// only when <c>ShortUrl:Anonymous</c> is below <see cref="AnonymousFrom"/>. What a caller may do with one link (its
/// owner, a password) the endpoint decides with <see cref="Requester"/>. <see cref="AdminOnly"/>: only admin keys.
/// </summary>
internal sealed record AccessRule(AnonymousMode? AnonymousFrom, bool AdminOnly = false)
{
    public bool AllowsAnonymous(AnonymousMode mode) => AnonymousFrom is { } least && mode >= least;
}

internal static class AccessEndpoints
{
    /// <summary>Only holders of a valid key reach the endpoint, in every mode.</summary>
    public static RouteHandlerBuilder RequireApiKey(this RouteHandlerBuilder endpoint) => Rule(endpoint, new AccessRule(null));

    /// <summary>
    /// Callers without a key reach the endpoint when <c>ShortUrl:Anonymous</c> is <paramref name="least"/> or more open;
    /// a key that is sent must be valid all the same.
    /// </summary>
    public static RouteHandlerBuilder AllowAnonymousWhen(this RouteHandlerBuilder endpoint, AnonymousMode least) =>
        Rule(endpoint, new AccessRule(least));

    /// <summary>
    /// Checks the caller of every endpoint with an <see cref="AccessRule"/>. Before the rate limiter, so that a request
    /// turned away for its key spends none of the client's permits.
    /// </summary>
    public static IApplicationBuilder UseAccess(this IApplicationBuilder app) => app.UseMiddleware<AccessMiddleware>();

    private static RouteHandlerBuilder Rule(RouteHandlerBuilder endpoint, AccessRule rule)
    {
        endpoint.WithMetadata(rule).ProducesProblem(StatusCodes.Status403Forbidden);
        // Open to callers without a key in every mode: never a 401.
        return rule.AnonymousFrom == AnonymousMode.None ? endpoint : endpoint.ProducesProblem(StatusCodes.Status401Unauthorized);
    }
}

/// <summary>Answers 401 without a key where one is needed and 403 with a wrong one, as problems, before the endpoint runs.</summary>
internal sealed class AccessMiddleware(RequestDelegate next, KeyRing keys, KeyUses uses, IOptions<ShortUrlOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AccessRule>() is not { } rule)
        {
            await next(context);
            return;
        }

        var mode = options.Value.EffectiveAnonymous;
        var (outcome, caller) = await keys.CheckAsync(context.Request, context.RequestAborted);
        if (outcome == KeyRing.Outcome.Wrong)
        {
            await Refuse(context, Requester.WrongKey());
            return;
        }

        if (caller is null && !rule.AllowsAnonymous(mode))
        {
            await Refuse(context, Requester.KeyRequired($"This needs an API key in the {KeyRing.HeaderName} header."));
            return;
        }

        if (rule.AdminOnly && caller is { IsAdmin: false })
        {
            await Refuse(context, TypedResults.Problem("This needs an admin key.", statusCode: StatusCodes.Status403Forbidden, title: "Admin key required"));
            return;
        }

        if (caller is not null)
        {
            uses.Note(caller.Name);
        }

        context.Features.Set(new Requester(caller, mode));
        await next(context);
    }

    /// <summary>As a problem; the page's form posted without JavaScript gets the page with the problem on it.</summary>
    private static Task Refuse(HttpContext context, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem)
    {
        if (problem.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{KeyRing.HeaderName}\"";
        }

        IResult answer = LinksApi.AnswerOf(context.Request) == Representation.Html
            ? context.RequestServices.GetRequiredService<CreatePages>().CreateFailed(problem.StatusCode, problem.ProblemDetails.Detail!, null, null)
            : problem;
        return answer.ExecuteAsync(context);
    }
}
