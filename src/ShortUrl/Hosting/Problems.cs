namespace ShortUrl.Hosting;

/// <summary>The problem responses (RFC 9457) the endpoints share, worded the same everywhere.</summary>
internal static class Problems
{
    public static ValidationProblem Validation(string field, string message, string title = "Invalid input") =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            detail: message,
            title: title);

    public static ProblemHttpResult NotFound(string code) =>
        TypedResults.Problem($"There is no link '{code}'.", statusCode: StatusCodes.Status404NotFound, title: "Link not found");

    /// <summary>Words for problems the framework raises itself (unknown route, wrong method, ...), so every problem has a detail.</summary>
    public static string DefaultDetail(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request is malformed.",
        StatusCodes.Status404NotFound => "Nothing is here. See /swagger for the API.",
        StatusCodes.Status405MethodNotAllowed => "This method is not allowed on this path. See /swagger for the API.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        // Routing answers a Content-Type an endpoint does not take before the endpoint runs, so these words serve
        // every endpoint with a body: the create, the edit, the import, a tag's rename and the password form.
        StatusCodes.Status415UnsupportedMediaType =>
            "This endpoint does not take a body of this Content-Type. See /swagger (or the README) for the media types each endpoint takes.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are too large.",
        >= 500 => "The service could not complete the request. Nothing was changed; try again.",
        _ => "The request could not be completed.",
    };
}
