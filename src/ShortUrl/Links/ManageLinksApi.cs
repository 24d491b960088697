using Microsoft.AspNetCore.Http.HttpResults;
using ShortUrl.Access;
using ShortUrl.Hosting;

namespace ShortUrl.Links;

/// <summary><c>PATCH</c> and <c>DELETE /api/urls/{code}</c>: change or remove a link, with an API key.</summary>
public static class ManageLinksApi
{
    public static RouteGroupBuilder MapLinkManagement(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/urls").WithTags("Links");

        group.MapPatch("/{code}", Edit)
            .WithName("EditLink")
            .WithSummary("Change a link's target, expiry, click limit or password")
            .WithDescription("A JSON merge patch: fields left out stay as they are, fields set to null are cleared "
                + "(expiresAt, maxClicks, password; a link always keeps a url). The next redirect, on every instance, follows the change. "
                + $"Needs an API key in {ApiKeys.HeaderName}.")
            .Accepts<LinkEditRequest>("application/merge-patch+json", "application/json")
            .Produces<LinkResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .RequireApiKey()
            .DisableAntiforgery();

        group.MapDelete("/{code}", Delete)
            .WithName("DeleteLink")
            .WithSummary("Delete a link")
            .WithDescription($"The short link answers 404 from the next request on, on every instance. Needs an API key in {ApiKeys.HeaderName}.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireApiKey();

        return group;
    }

    private static async Task<Results<Ok<LinkResponse>, ValidationProblem, ProblemHttpResult>> Edit(
        string code, HttpRequest request, LinkLifecycle lifecycle, PublicAddress address, CancellationToken cancellationToken)
    {
        var read = await LinkEditReader.ReadAsync(request, cancellationToken);
        if (read.Edit is null)
        {
            return read.Field is null
                ? TypedResults.Problem(read.Detail, statusCode: read.Status, title: read.Title)
                : Problems.Validation(read.Field, read.Detail, read.Title);
        }

        return await lifecycle.EditAsync(code, read.Edit, address.SelfHosts(request), cancellationToken) switch
        {
            // An API-key holder may see where a password-protected link goes.
            LinkLifecycle.EditOutcome.Edited(var link) => TypedResults.Ok(LinkResponse.From(link, address.ShortUrlBase(request), showProtectedTarget: true)),
            LinkLifecycle.EditOutcome.Invalid(var field, var message) => Problems.Validation(field, message),
            _ => Problems.NotFound(code),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string code, LinkLifecycle lifecycle, CancellationToken cancellationToken) =>
        await lifecycle.DeleteAsync(code, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound(code);
}

/// <summary>The body of <c>PATCH /api/urls/{code}</c> (for the API description; <see cref="LinkEditReader"/> reads it).</summary>
/// <param name="Url">The new target; cannot be null.</param>
/// <param name="ExpiresAt">ISO 8601, in the future; null: never expires.</param>
/// <param name="MaxClicks">At least 1; null: no limit.</param>
/// <param name="Password">The new password; null or empty: none.</param>
public sealed record LinkEditRequest(string? Url, string? ExpiresAt, long? MaxClicks, string? Password);
