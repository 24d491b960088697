namespace ShortUrl.Peers.Shlink;

/// <summary>A Shlink create or edit body (JSON; every member optional but <c>longUrl</c> on a create), and Shlink's names for the native fields.</summary>
internal static class ShlinkShortUrlInput
{
    /// <summary>The body, or the problem with it in Shlink's words.</summary>
    public static Task<(PeerJsonBody? Input, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        PeerJsonBody.ReadAsync(request, failure => failure == PeerJsonBody.Failure.TooLarge
            ? TypedResults.Problem(
                $"The body is larger than {Hosting.BoundedBody.MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large")
            : MalformedBody(), cancellationToken);

    /// <summary>
    /// The fields of a create (<paramref name="creating"/>: <c>longUrl</c> needed, and a <c>customSlug</c>) or of an edit
    /// (only what is sent changes), or the problem with the body.
    /// </summary>
    public static async Task<(ShlinkShortUrlFields? Fields, ProblemHttpResult? Problem)> ReadFieldsAsync(
        HttpRequest request, bool creating, TimeProvider time, CancellationToken cancellationToken)
    {
        var (input, problem) = await ReadAsync(request, cancellationToken);
        return input is null ? (null, problem) : (ShlinkShortUrlFields.Read(input, creating, time), null);
    }

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

/// <summary>The members a create and an edit both take, read once, and the names of those that are not valid, in Shlink's order.</summary>
internal sealed record ShlinkShortUrlFields(
    PeerJsonBody Body, string? LongUrl, string? CustomSlug, string? Title, string? ValidUntil, long? MaxVisits, string?[]? Tags,
    bool? ForwardQuery, IReadOnlyList<string> Invalid)
{
    public static ShlinkShortUrlFields Read(PeerJsonBody input, bool creating, TimeProvider time)
    {
        var invalid = new List<string>();
        var longUrl = input.String("longUrl", out var longUrlOk);
        AddIf(!longUrlOk || ((creating || input.Has("longUrl")) && string.IsNullOrWhiteSpace(longUrl)), "longUrl");
        var slugOk = true;
        var customSlug = creating ? input.String("customSlug", out slugOk) : null;
        AddIf(!slugOk, "customSlug");
        var title = input.String("title", out var titleOk);
        AddIf(!titleOk, "title");
        var validSince = input.String("validSince", out var sinceOk);
        AddIf(!sinceOk || !ValidSinceHolds(validSince, time), "validSince");
        var validUntil = input.String("validUntil", out var untilOk);
        AddIf(!untilOk, "validUntil");
        var maxVisits = input.Long("maxVisits", out var maxOk);
        AddIf(!maxOk, "maxVisits");
        var tags = input.Strings("tags", out var tagsOk);
        AddIf(!tagsOk, "tags");
        var forwardQuery = input.Bool("forwardQuery", out var forwardOk);
        AddIf(!forwardOk, "forwardQuery");
        input.Bool("crawlable", out var crawlableOk);
        AddIf(!crawlableOk, "crawlable");
        return new ShlinkShortUrlFields(input, longUrl, customSlug, title, validUntil, maxVisits, tags, forwardQuery, invalid);

        void AddIf(bool condition, string field)
        {
            if (condition)
            {
                invalid.Add(field);
            }
        }
    }

    /// <summary>
    /// ShortUrl has no start date for a link: a <c>validSince</c> that has already passed changes nothing and is taken; one in the
    /// future would be a promise not kept, so it is refused.
    /// </summary>
    private static bool ValidSinceHolds(string? validSince, TimeProvider time) =>
        validSince is null || (ShlinkDates.Parse(validSince) is { } since && since <= time.GetUtcNow());
}
