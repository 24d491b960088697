using System.Text.Json;
namespace ShortUrl.Tags;

/// <summary>A tag with how many links carry it and their clicks.</summary>
/// <param name="Tag">The tag, normalised (lower-case).</param>
/// <param name="Links">How many links carry it.</param>
/// <param name="Clicks">The clicks of those links.</param>
internal sealed record TagResponse(string Tag, long Links, long Clicks)
{
    public static TagResponse From(TagCount count) => new(count.Tag, count.Links, count.Clicks);
}

/// <summary>The body of <c>PUT /api/tags/{tag}</c>.</summary>
/// <param name="Name">The tag's new name; normalised like every tag.</param>
internal sealed record TagRenameRequest(string? Name);

/// <summary><c>/api/tags</c>: the tags in use with their counts; rename or delete a tag on every link (admin keys).</summary>
internal static class TagsApi
{
    public static RouteGroupBuilder MapTags(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tags").WithTags("Tags");

        group.MapGet("/", List)
            .Describe("ListTags", "The tags in use, by name, with how many links carry each and their clicks",
                """
                Over the links the caller may list: with an admin key every link; with an author key that key's own
                links; without a key (when ShortUrl:Anonymous is CreateAndList), every link without a password.
                """)
            .AllowAnonymousWhen(AnonymousMode.CreateAndList);

        group.MapPut("/{tag}", Rename)
            .Describe("RenameTag", "Rename a tag on every link that carries it",
                $"Body {{\"name\": \"new name\"}}. 409 when links already carry the new name. Needs an admin key in {KeyRing.HeaderName}.")
            .Accepts<TagRenameRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireApiKey()
            .DisableAntiforgery();

        group.MapDelete("/{tag}", Delete)
            .Describe("DeleteTag", "Take a tag off every link; the links stay",
                $"Needs an admin key in {KeyRing.HeaderName}.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireApiKey();

        return group;
    }

    private static async Task<Ok<List<TagResponse>>> List(HttpContext context, ILabelStore labels, CancellationToken cancellationToken)
    {
        var requester = Requester.Of(context);
        // An author's own links include those with a password; a caller without a key sees none of those.
        var tags = await labels.TagsAsync(requester.OnlyLinksOf, withProtected: requester.Caller is not null, cancellationToken);
        return TypedResults.Ok(tags.Select(TagResponse.From).ToList());
    }

    private static async Task<Results<Ok<TagResponse>, ValidationProblem, ProblemHttpResult>> Rename(
        string tag, HttpRequest request, ILabelStore labels, CancellationToken cancellationToken)
    {
        if (AdminRefusal(request.HttpContext) is { } refused)
        {
            return refused;
        }

        var read = await ReadNameAsync(request, cancellationToken);
        if (read.Value is not { } name)
        {
            var problem = read.Problem!;
            return problem.Field is null ? problem.ToProblem() : problem.ToValidationProblem();
        }

        if (LinkLabelsInput.Normalise(tag) is not { } current)
        {
            return TagNotFound(tag);
        }

        return await labels.RenameTagAsync(current, name, cancellationToken) switch
        {
            (TagEdit.Done, { } renamed) => TypedResults.Ok(TagResponse.From(renamed)),
            (TagEdit.NameTaken, _) => TypedResults.Problem(
                $"Links already carry the tag '{name}'. Delete it first, or choose another name.",
                statusCode: StatusCodes.Status409Conflict, title: "Tag exists"),
            _ => TagNotFound(tag),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string tag, HttpContext context, ILabelStore labels, CancellationToken cancellationToken)
    {
        if (AdminRefusal(context) is { } refused)
        {
            return refused;
        }

        return LinkLabelsInput.Normalise(tag) is { } name && await labels.DeleteTagAsync(name, cancellationToken) == TagEdit.Done
            ? TypedResults.NoContent()
            : TagNotFound(tag);
    }

    /// <summary>A tag changes links of every key: only an admin key may rename or delete one.</summary>
    private static ProblemHttpResult? AdminRefusal(HttpContext context) => Requester.Of(context).Caller is { IsAdmin: true }
        ? null
        : TypedResults.Problem(
            "A tag is shared by the links of every key: renaming or deleting one needs an admin key.",
            statusCode: StatusCodes.Status403Forbidden, title: "Admin key required");

    private static ProblemHttpResult TagNotFound(string tag) =>
        TypedResults.Problem($"No link carries the tag '{tag}'.", statusCode: StatusCodes.Status404NotFound, title: "Tag not found");

    /// <summary>The new name from the body, normalised; every way the body can be wrong is a 4xx problem.</summary>
    private static async Task<BodyRead<string>> ReadNameAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return BodyProblem.Unsupported("Unsupported media type", "Send the new name as JSON (application/json), like {\"name\": \"news\"}.");
        }

        if (await BoundedBody.ReadAllAsync(request, cancellationToken) is not { } body)
        {
            return BodyProblem.TooLarge("Body too large", $"The body is larger than {BoundedBody.MaxBytes / 1024} KiB; a tag needs far less.");
        }

        string? given;
        try
        {
            using var document = StrictJson.Parse(body, maxDepth: 4);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return BodyProblem.Invalid("Invalid input", "The body must be a JSON object with the new name, like {\"name\": \"news\"}.", "name");
            }

            given = name.GetString();
        }
        catch (JsonException)
        {
            return BodyProblem.Invalid("Invalid JSON", "The body is not valid JSON. Send an object like {\"name\": \"news\"}.");
        }

        return LinkLabelsInput.Normalise(given) is { } normalised
            ? normalised
            : BodyProblem.Invalid("Invalid input",
                $"'name' must be a tag: 1 to {LinkLabelsInput.MaxTagLength} characters of a-z, 0-9, '-', '_' and spaces between words.", "name");
    }
}
