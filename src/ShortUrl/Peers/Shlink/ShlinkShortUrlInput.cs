using Microsoft.AspNetCore.Http.HttpResults;

namespace ShortUrl.Peers.Shlink;

/// <summary>A Shlink create or edit body (JSON; every member optional but <c>longUrl</c> on a create), and Shlink's names for the native fields.</summary>
internal static class ShlinkShortUrlInput
{
    /// <summary>The body, or the problem with it in Shlink's words.</summary>
    public static async Task<(PeerJsonBody? Input, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await PeerJsonBody.ReadAsync(request, cancellationToken) switch
        {
            ({ } body, _) => (body, null),
            (_, PeerJsonBody.Failure.TooLarge) => (null, TypedResults.Problem(
                $"The body is larger than {Hosting.BoundedBody.MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large")),
            _ => (null, MalformedBody()),
        };

    /// <summary>Shlink's answer to a body that is not a JSON object.</summary>
    public static ProblemHttpResult MalformedBody() => ShlinkProblems.InvalidData("body");

    /// <summary>Shlink's name for a field of the native rules.</summary>
    public static string ShlinkField(string field) => field switch
    {
        "url" => "longUrl",
        "alias" => "customSlug",
        "expiresAt" => "validUntil",
        "maxClicks" => "maxVisits",
        "rules" => "redirectRules",
        _ => field,
    };
}
