using Microsoft.AspNetCore.Mvc;

namespace ShortUrl.Peers.Shlink;

/// <summary>Shlink's problem details: its type URIs, titles and details, and the extra members its clients read.</summary>
internal static class ShlinkProblems
{
    private const string TypeBase = "https://shlink.io/api/error/";

    public static ProblemHttpResult InvalidData(params string[] invalidElements) => Problem(
        StatusCodes.Status400BadRequest, "invalid-data", "Invalid data", "Provided data is not valid",
        new() { ["invalidElements"] = invalidElements });

    public static ProblemHttpResult ShortUrlNotFound(string shortCode) => Problem(
        StatusCodes.Status404NotFound, "short-url-not-found", "Short URL not found", $"No URL found with short code \"{shortCode}\"",
        new() { ["shortCode"] = shortCode });

    public static ProblemHttpResult NonUniqueSlug(string slug) => Problem(
        StatusCodes.Status400BadRequest, "non-unique-slug", "Invalid custom slug", $"Provided slug \"{slug}\" is already in use.",
        new() { ["customSlug"] = slug });

    public static ProblemHttpResult TagNotFound(string tag) => Problem(
        StatusCodes.Status404NotFound, "tag-not-found", "Tag not found", $"Tag with name \"{tag}\" could not be found",
        new() { ["tag"] = tag });

    public static ProblemHttpResult TagConflict(string oldName, string newName) => Problem(
        StatusCodes.Status409Conflict, "tag-conflict", "Tag conflict",
        $"You cannot rename tag {oldName} to {newName}, because it already exists",
        new() { ["oldName"] = oldName, ["newName"] = newName });

    public static ProblemHttpResult ForbiddenTagOperation(string action) => Problem(
        StatusCodes.Status403Forbidden, "forbidden-tag-operation", "Forbidden tag operation", $"You are not allowed to {action} tags");

    public static ProblemHttpResult DomainNotFound(string domain) => Problem(
        StatusCodes.Status404NotFound, "domain-not-found", "Domain not found", $"Domain with authority \"{domain}\" could not be found",
        new() { ["authority"] = domain });

    public static ProblemHttpResult MissingAuthentication() => Problem(
        StatusCodes.Status401Unauthorized, "missing-authentication", "Invalid authorization",
        "Expected one of the following authentication headers, [\"X-Api-Key\"], but none were provided",
        new() { ["expectedTypes"] = new[] { "X-Api-Key" } });

    public static ProblemHttpResult InvalidApiKey() => Problem(
        StatusCodes.Status401Unauthorized, "invalid-api-key", "Invalid API key", "Provided API key does not exist or is invalid.");

    public static ProblemHttpResult MercureNotConfigured() => Problem(
        StatusCodes.Status501NotImplemented, "mercure-not-configured", "Mercure integration not configured",
        "This Shlink instance is not integrated with a mercure hub.");

    /// <summary>What ShortUrl does not do (Shlink's own "not found" type, so clients show it as an error, not a crash).</summary>
    public static ProblemHttpResult NotSupported(string what) => Problem(
        StatusCodes.Status404NotFound, "not-found", "Not found", $"{what} is not supported by this server (ShortUrl).");

    /// <summary>A write the database could not take: the native API's 503, in Shlink's shape.</summary>
    public static ProblemHttpResult TryAgain() => Problem(
        StatusCodes.Status503ServiceUnavailable, "service-unavailable", "Service unavailable", "No free short code could be found; try again.");

    private static ProblemHttpResult Problem(int status, string type, string title, string detail, Dictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Type = TypeBase + type, Title = title, Status = status, Detail = detail };
        foreach (var (name, value) in extensions ?? [])
        {
            problem.Extensions[name] = value;
        }

        return TypedResults.Problem(problem);
    }
}
