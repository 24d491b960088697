namespace ShortUrl.Links;

/// <summary><c>/api/urls</c>: create a link, list the newest, show, change or delete one.</summary>
internal static class LinksApi
{
    public const int DefaultRecentLimit = 20;
    public const int MaxRecentLimit = 100;

    /// <param name="links">The <c>/api/urls</c> group.</param>
    public static RouteGroupBuilder MapLinks(this RouteGroupBuilder links)
    {
        links.MapPost("/", Create)
            .Describe("CreateLink", "Shorten a URL",
                """
                Body as JSON {"url", "alias"} or form fields url=...&alias=...; optionally expiresAt, maxClicks,
                password, title, tags (in a form, repeated tags fields or one comma-separated value), forwardQuery (true
                by default) and, in JSON, rules (redirect rules by device, language or query parameter). With 'Accept:
                text/plain' the answer is the bare short URL and a newline, handy for scripts.
                """)
            .Accepts<CreateLinkRequest>("application/json", "application/x-www-form-urlencoded")
            .Produces<LinkResponse>(StatusCodes.Status201Created)
            .WithMetadata(new AlternativeBody(StatusCodes.Status201Created, "text/plain"))
            .WithMetadata(new AlternativeBody(StatusCodes.Status201Created, "text/html"))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AllowAnonymousWhen(AnonymousMode.Create)
            .RequireCreateRateLimit()
            .AnswerFormPostsWithPages()
            .DisableAntiforgery();

        links.MapGet("/recent", Recent)
            .Describe("RecentLinks", "The newest links first",
                $"""
                'limit' is 1 to {MaxRecentLimit}; {DefaultRecentLimit} when left out. With an author key, that key's own
                links; with an admin key, every link; without a key (when ShortUrl:Anonymous is CreateAndList), every
                link.
                """)
            .AllowAnonymousWhen(AnonymousMode.CreateAndList);

        links.MapGet("/{code}", Details)
            .Describe("GetLink", "One link with its click count",
                "The target of a password-protected link, and the link itself, only for its creator's key and admin keys.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymousWhen(AnonymousMode.CreateAndList);

        links.MapPatch("/{code}", Edit)
            .Describe("EditLink", "Change a link's target, expiry, click limit, password, title, tags, query forwarding or redirect rules",
                $"""
                A JSON merge patch: fields left out stay as they are, fields set to null are cleared (expiresAt,
                maxClicks, password, title; tags and rules: [] or null; a link always keeps a url). 'tags' replaces the
                link's tags, 'rules' its redirect rules; 'forwardQuery' is true or false. The next redirect, on every
                instance, follows the change. Needs an API key in {KeyRing.HeaderName}: an admin key, or the author key
                that created the link.
                """)
            .Accepts<LinkEditRequest>("application/merge-patch+json", "application/json")
            .Produces<LinkResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireApiKey()
            .DisableAntiforgery();

        links.MapDelete("/{code}", Delete)
            .Describe("DeleteLink", "Delete a link",
                $"""
                The short link answers 404 from the next request on, on every instance. Needs an API key in
                {KeyRing.HeaderName}: an admin key, or the author key that created the link.
                """)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireApiKey();

        return links;
    }

    private static async Task<Results<Created<LinkResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Create(
        HttpContext context, LinkService links, PublicAddress address, CreatePages pages, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var answer = AnswerOf(request);
        var read = await CreateRequestReader.ReadAsync(request, cancellationToken);
        if (read.Value is not { } input)
        {
            var problem = read.Problem!;
            return answer == Representation.Html
                ? pages.CreateFailed(problem.Status, problem.Detail, problem.Field, null)
                : problem.Field is null ? problem.ToProblem() : problem.ToValidationProblem();
        }

        CreateFormAnswers.RememberEntered(context, input);
        var outcome = await links.CreateAsync(input, address.SelfHosts(request), Requester.Of(context).KeyName, cancellationToken);
        switch (outcome)
        {
            case LinkService.CreateOutcome.Created(var link):
                // The creator knows the target: shown even when a password protects it.
                var body = LinkResponse.From(link, address.ShortUrlBase(request), showProtectedTarget: true);
                var location = $"/api/urls/{link.Code}";
                switch (answer)
                {
                    case Representation.Html:
                        context.Response.Headers.Location = location;
                        return pages.LinkCreated(body);
                    case Representation.PlainText:
                        context.Response.Headers.Location = location;
                        return TypedResults.Text(body.ShortUrl + "\n", "text/plain", Encoding.UTF8, StatusCodes.Status201Created);
                    default:
                        return TypedResults.Created(location, body);
                }

            case LinkService.CreateOutcome.Invalid(var field, var message):
                return answer == Representation.Html
                    ? pages.CreateFailed(StatusCodes.Status400BadRequest, message, field, input)
                    : Problems.Validation(field, message);
            case LinkService.CreateOutcome.AliasTaken(var alias):
                return Failure(StatusCodes.Status409Conflict, "Alias taken", $"The alias '{alias}' is already taken; choose another.", "alias");
            default:
                return Failure(StatusCodes.Status503ServiceUnavailable, "Try again", "No free code could be found; try again.", null);
        }

        Results<Created<LinkResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult> Failure(int status, string title, string detail, string? field) =>
            answer == Representation.Html
                ? pages.CreateFailed(status, detail, field, input)
                : TypedResults.Problem(detail, statusCode: status, title: title);
    }

    /// <summary>
    /// How a create is answered: JSON, the bare short URL, or, for the page's form posted without JavaScript (form
    /// fields), a page. A script that sends JSON gets no page, whatever it accepts.
    /// </summary>
    internal static Representation AnswerOf(HttpRequest request) => request.HasFormContentType
        ? ContentNegotiation.Choose(request, Representation.PlainText, Representation.Html)
        : ContentNegotiation.Choose(request, Representation.PlainText);

    private static async Task<Results<Ok<List<LinkResponse>>, ValidationProblem>> Recent(
        string? limit, HttpRequest request, LinkService links, PublicAddress address, CancellationToken cancellationToken)
    {
        var count = DefaultRecentLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxRecentLimit))
        {
            return Problems.Validation("limit", $"'limit' must be a whole number from 1 to {MaxRecentLimit}.");
        }

        var requester = Requester.Of(request.HttpContext);
        var recent = requester.OnlyLinksOf is { } author
            ? await links.RecentByCreatorAsync(author, count, cancellationToken)
            : await links.RecentAsync(count, cancellationToken);
        var shortUrlBase = address.ShortUrlBase(request);
        return TypedResults.Ok(recent.Select(link => LinkResponse.From(link, shortUrlBase, requester.Manages(link))).ToList());
    }

    private static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> Details(
        string code, HttpRequest request, LinkService links, PublicAddress address, CancellationToken cancellationToken)
    {
        var requester = Requester.Of(request.HttpContext);
        return await links.FindAsync(code, cancellationToken) switch
        {
            null => Problems.NotFound(code),
            { } link when !requester.MaySee(link) => requester.Refusal(link),
            { } link => TypedResults.Ok(LinkResponse.From(link, address.ShortUrlBase(request), requester.Manages(link))),
        };
    }

    private static async Task<Results<Ok<LinkResponse>, ValidationProblem, ProblemHttpResult>> Edit(
        string code, HttpRequest request, LinkService links, LinkLifecycle lifecycle, PublicAddress address, CancellationToken cancellationToken)
    {
        if (await ManagedLinkAsync(code, request.HttpContext, links, cancellationToken) is { } refused)
        {
            return refused;
        }

        var read = await LinkEditReader.ReadAsync(request, cancellationToken);
        if (read.Value is not { } edit)
        {
            var problem = read.Problem!;
            return problem.Field is null ? problem.ToProblem() : problem.ToValidationProblem();
        }

        return await lifecycle.EditAsync(code, edit, address.SelfHosts(request), cancellationToken) switch
        {
            // Whoever may change a link may see where it goes, password or not.
            LinkLifecycle.EditOutcome.Edited(var link) => TypedResults.Ok(LinkResponse.From(link, address.ShortUrlBase(request), showProtectedTarget: true)),
            LinkLifecycle.EditOutcome.Invalid(var field, var message) => Problems.Validation(field, message),
            _ => Problems.NotFound(code),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string code, HttpContext context, LinkService links, LinkLifecycle lifecycle, CancellationToken cancellationToken)
    {
        if (await ManagedLinkAsync(code, context, links, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await lifecycle.DeleteAsync(code, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound(code);
    }

    /// <summary>Null when the caller may change or delete the link; else why not (404 for no such link, 403 for another key's).</summary>
    private static async Task<ProblemHttpResult?> ManagedLinkAsync(string code, HttpContext context, LinkService links, CancellationToken cancellationToken)
    {
        var requester = Requester.Of(context);
        return await links.FindAsync(code, cancellationToken) switch
        {
            null => Problems.NotFound(code),
            { } link when !requester.Manages(link) => requester.Refusal(link),
            _ => null,
        };
    }
}

/// <summary>The body of <c>PATCH /api/urls/{code}</c> (for the API description; <see cref="LinkEditReader"/> reads it).</summary>
/// <param name="Url">The new target; cannot be null.</param>
/// <param name="ExpiresAt">ISO 8601, in the future; null: never expires.</param>
/// <param name="MaxClicks">At least 1; null: no limit.</param>
/// <param name="Password">The new password; null or empty: none.</param>
/// <param name="Title">The new title; null or empty: none.</param>
/// <param name="Tags">The new tags, replacing the old; null or []: none.</param>
/// <param name="ForwardQuery">Whether the query string goes on to the target; true or false, never null.</param>
/// <param name="Rules">The new redirect rules, replacing the old; null or []: none.</param>
internal sealed record LinkEditRequest(
    string? Url, string? ExpiresAt, long? MaxClicks, string? Password, string? Title, string[]? Tags,
    bool? ForwardQuery = null,
    RedirectRuleRequest[]? Rules = null);
