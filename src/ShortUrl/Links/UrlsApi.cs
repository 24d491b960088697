using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ShortUrl.Access;
using ShortUrl.Hosting;

namespace ShortUrl.Links;

/// <summary><c>/api/urls</c>: create a link, list the newest, show one.</summary>
public static class UrlsApi
{
    public const int DefaultRecentLimit = 20;
    public const int MaxRecentLimit = 100;

    public static RouteGroupBuilder MapUrls(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/urls").WithTags("Links");

        group.MapPost("/", Create)
            .WithName("CreateLink")
            .WithSummary("Shorten a URL")
            .WithDescription("Body as JSON {\"url\", \"alias\"} or form fields url=...&alias=...; optionally expiresAt, maxClicks and password. "
                + "With 'Accept: text/plain' the answer is the bare short URL and a newline, handy for scripts.")
            .Accepts<CreateLinkRequest>("application/json", "application/x-www-form-urlencoded")
            .Produces<LinkResponse>(StatusCodes.Status201Created)
            .WithMetadata(new AlternativeBody(StatusCodes.Status201Created, "text/plain"))
            .WithMetadata(new AlternativeBody(StatusCodes.Status201Created, "text/html"))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(ShortUrlServices.CreateRateLimitPolicy)
            .RequireApiKey(onlyWhenCreateRequiresKey: true)
            .DisableAntiforgery();

        group.MapGet("/recent", Recent)
            .WithName("RecentLinks")
            .WithSummary("The newest links first")
            .WithDescription($"'limit' is 1 to {MaxRecentLimit}; {DefaultRecentLimit} when left out.");

        group.MapGet("/{code}", Details)
            .WithName("GetLink")
            .WithSummary("One link with its click count")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static async Task<Results<Created<LinkResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> Create(
        HttpContext context, LinkService links, PublicAddress address, CancellationToken cancellationToken)
    {
        var request = context.Request;
        // The page's form posted without JavaScript: the answer is a page, not JSON.
        var forBrowser = HtmlPages.IsBrowserFormPost(request);
        var read = await CreateRequestReader.ReadAsync(request, cancellationToken);
        if (read.Request is null)
        {
            return forBrowser ? HtmlPages.CreateFailed(read.Status, read.Detail, read.Field, null)
                : read.Field is null ? TypedResults.Problem(read.Detail, statusCode: read.Status, title: read.Title)
                : Problems.Validation(read.Field, read.Detail, read.Title);
        }

        var outcome = await links.CreateAsync(read.Request, address.SelfHosts(request), cancellationToken);
        switch (outcome)
        {
            case LinkService.CreateOutcome.Created(var link):
                // The creator knows the target: shown even when a password protects it.
                var body = LinkResponse.From(link, address.ShortUrlBase(request), showProtectedTarget: true);
                var location = $"/api/urls/{link.Code}";
                if (forBrowser)
                {
                    context.Response.Headers.Location = location;
                    return HtmlPages.LinkCreated(body);
                }

                if (WantsPlainText(request))
                {
                    context.Response.Headers.Location = location;
                    return TypedResults.Text(body.ShortUrl + "\n", "text/plain", Encoding.UTF8, StatusCodes.Status201Created);
                }

                return TypedResults.Created(location, body);
            case LinkService.CreateOutcome.Invalid(var field, var message):
                return forBrowser
                    ? HtmlPages.CreateFailed(StatusCodes.Status400BadRequest, message, field, read.Request)
                    : Problems.Validation(field, message);
            case LinkService.CreateOutcome.AliasTaken(var alias):
                return Failure(StatusCodes.Status409Conflict, "Alias taken", $"The alias '{alias}' is already taken; choose another.", "alias");
            default:
                return Failure(StatusCodes.Status503ServiceUnavailable, "Try again", "No free code could be found; try again.", null);
        }

        Results<Created<LinkResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult> Failure(int status, string title, string detail, string? field) =>
            forBrowser
                ? HtmlPages.CreateFailed(status, detail, field, read.Request)
                : TypedResults.Problem(detail, statusCode: status, title: title);
    }

    private static async Task<Results<Ok<List<LinkResponse>>, ValidationProblem>> Recent(
        string? limit, HttpRequest request, LinkService links, PublicAddress address, CancellationToken cancellationToken)
    {
        var count = DefaultRecentLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxRecentLimit))
        {
            return Problems.Validation("limit", $"'limit' must be a whole number from 1 to {MaxRecentLimit}.");
        }

        var recent = await links.RecentAsync(count, cancellationToken);
        var shortUrlBase = address.ShortUrlBase(request);
        return TypedResults.Ok(recent.Select(link => LinkResponse.From(link, shortUrlBase)).ToList());
    }

    private static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> Details(
        string code, HttpRequest request, LinkService links, PublicAddress address, CancellationToken cancellationToken)
    {
        var link = await links.FindAsync(code, cancellationToken);
        return link is null
            ? Problems.NotFound(code)
            : TypedResults.Ok(LinkResponse.From(link, address.ShortUrlBase(request)));
    }

    private static bool WantsPlainText(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count > 0
            && accept.Any(a => a.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
    }
}
