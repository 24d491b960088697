namespace ShortUrl.Access;

/// <summary>
/// Who is asking, as <see cref="AccessMiddleware"/> found it (a key's holder, or nobody), and what that caller may do
/// with one link. Admin keys manage every link, author keys the links they created; anyone may see the details and stats
/// of a link without a password when <c>ShortUrl:Anonymous</c> is <c>CreateAndList</c>, so a key never gets less.
/// </summary>
internal sealed record Requester(Caller? Caller, AnonymousMode Mode)
{
    /// <summary>The requester of an endpoint with an <see cref="AccessRule"/>.</summary>
    public static Requester Of(HttpContext context) => context.Features.Get<Requester>()
        ?? throw new InvalidOperationException("The endpoint has no access rule: add RequireApiKey() or AllowAnonymousWhen(...).");

    /// <summary>The name links created by this request record; null without a key.</summary>
    public string? KeyName => Caller?.Name;

    /// <summary>Whether lists and exports are limited to the caller's own links (an author's).</summary>
    public string? OnlyLinksOf => Caller is { IsAdmin: false } author ? author.Name : null;

    /// <summary>Change, delete, see the target even behind a password: the admin, and the key that created the link.</summary>
    public bool Manages(Link link) => Caller is { } caller && (caller.IsAdmin || string.Equals(link.CreatedBy, caller.Name, StringComparison.Ordinal));

    /// <summary>See the details and stats.</summary>
    public bool MaySee(Link link) => Manages(link) || (Mode == AnonymousMode.CreateAndList && link.PasswordHash is null);

    /// <summary>Why the caller may not see or manage <paramref name="link"/>: 401 without a key, 403 with one.</summary>
    public ProblemHttpResult Refusal(Link link) => Caller is null
        ? KeyRequired(link.PasswordHash is null
            ? $"This needs an API key in the {KeyRing.HeaderName} header."
            : $"The details and stats of a password-protected link need an API key in the {KeyRing.HeaderName} header.")
        : TypedResults.Problem(
            $"The link '{link.Code}' was created by another key; an author key manages only the links it created.",
            statusCode: StatusCodes.Status403Forbidden, title: "Not your link");

    public static ProblemHttpResult KeyRequired(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "API key required");

    public static ProblemHttpResult WrongKey() => TypedResults.Problem(
        $"The API key in {KeyRing.HeaderName} is not one this service accepts.",
        statusCode: StatusCodes.Status403Forbidden, title: "Wrong API key");
}
