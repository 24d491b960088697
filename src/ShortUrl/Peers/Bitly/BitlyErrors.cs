namespace ShortUrl.Peers.Bitly;

/// <summary>Bitly's errors, with the codes its clients test for.</summary>
internal static class BitlyErrors
{
    public static JsonHttpResult<BitlyError> NotFound() =>
        Error(StatusCodes.Status404NotFound, "NOT_FOUND", "What you are looking for cannot be found.", "bitlinks");

    public static JsonHttpResult<BitlyError> Forbidden() =>
        Error(StatusCodes.Status403Forbidden, "FORBIDDEN", "You are currently forbidden to access this resource.", "");

    public static JsonHttpResult<BitlyError> InvalidArgument(string field, string description) => TypedResults.Json(
        new BitlyError($"INVALID_ARG_{field.ToUpperInvariant()}", description, "bitlinks", [new BitlyFieldError(field, "invalid", "invalid")]),
        statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Bitly's answer to a member of the wrong type, or one that is needed and blank.</summary>
    public static JsonHttpResult<BitlyError> InvalidValue(string field) => InvalidArgument(field, "The value provided is invalid.");

    public static JsonHttpResult<BitlyError> Error(int status, string message, string description, string resource) =>
        TypedResults.Json(new BitlyError(message, description, resource, []), statusCode: status);

    /// <summary>Bitly's name for a field of the native rules.</summary>
    public static string Field(string field) => field switch
    {
        "url" => "long_url",
        "expiresAt" => "expiration_at",
        _ => field,
    };
}
