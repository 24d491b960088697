using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace ShortUrl.Peers.Yourls;

/// <summary>
/// The YOURLS API at <c>/yourls-api.php</c>, as ShareX, the YOURLS bookmarklets and plugins call it: GET or POST
/// (query, form or multipart fields), the key as <c>signature</c>, <c>format</c> json, jsonp, xml (YOURLS's default) or
/// simple; the actions shorturl, expand, url-stats, stats, db-stats and version, over the native services and rules.
/// </summary>
internal static partial class YourlsApi
{
    public const string Tag = "YOURLS API";

    /// <summary>The YOURLS version whose API this answers as.</summary>
    public const string Version = "1.9.2";

    public static IEndpointRouteBuilder MapYourls(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/yourls-api.php", [HttpMethods.Get, HttpMethods.Post], Handle)
            .WithTags(Tag)
            .Describe("Yourls", "YOURLS's API: action=shorturl|expand|url-stats|stats|db-stats|version, signature=<API key>, format=json|jsonp|xml|simple")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "application/xml", "text/plain")
            .RequireCreateRateLimit()
            .DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<YourlsAnswer, ProblemHttpResult>> Handle(
        HttpContext context, LinkService links, ILinkSearch search, IVisitsAcross across, PublicAddress address, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var fields = new Dictionary<string, StringValues>(request.Query, StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            if (!BoundedBody.Limit(request, BoundedBody.MaxBytes))
            {
                return TooLarge();
            }

            try
            {
                foreach (var (name, value) in await request.ReadFormAsync(cancellationToken))
                {
                    // As PHP's $_REQUEST: a posted field wins over the query's.
                    fields[name] = value;
                }
            }
            catch (Exception e) when (BoundedBody.IsTooLarge(e))
            {
                return TooLarge();
            }
            catch (InvalidDataException)
            {
                return TypedResults.Problem("The form could not be read.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid form");
            }
        }

        string? Field(string name) => fields.TryGetValue(name, out var value) && value.Count > 0 ? value[^1] : null;
        var format = Field("format") is "json" or "jsonp" or "xml" or "simple" ? Field("format")! : "xml";
        YourlsAnswer Answer() => new() { Format = format, Callback = Field("callback") ?? "" };
        if (format == "jsonp" && !IsCallbackName(Field("callback") ?? ""))
        {
            // JSONP runs the callback as script from this site: anything but a name would be script of the caller's
            // choosing, under the page's own policy.
            return TypedResults.Problem(
                "callback must be a JavaScript name: letters, digits, _ and $, not starting with a digit, joined by dots (at most 128 characters).",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid callback");
        }


        var (_, caller) = await PeerAccess.AdmitAsync(context, Field("signature"));
        if (caller is null)
        {
            // Time-limited signatures (an MD5 of a timestamp and the key) and user names need the key itself, which
            // ShortUrl never keeps: only the key as the signature is accepted.
            var message = Field("signature") is null && Field("username") is null ? "Please log in" : "Invalid username or password";
            return Answer().Add("message", message).Add("errorCode", 403).Add("callback", Field("callback") ?? "")
                .WithStatus(StatusCodes.Status403Forbidden).WithSimple(message);
        }

        var shortUrlBase = address.ShortUrlBase(request);
        var requester = Requester.Of(context);
        switch (Field("action"))
        {
            case "shorturl":
                return await ShortenAsync(Answer(), Field("url"), Field("keyword"), Field("title"), context, links, search, address, cancellationToken);
            case "expand":
                return await links.FindAsync(CodeOf(Field("shorturl"), shortUrlBase), cancellationToken) is { } link && requester.MaySee(link)
                    ? Answer().Add("keyword", link.Code).Add("shorturl", shortUrlBase + link.Code).Add("longurl", link.Url)
                        .Add("title", link.Title ?? link.Url).Add("message", "success").Add("statusCode", 200).WithSimple(link.Url)
                    : NotFound(Answer());
            case "url-stats":
                return await links.FindAsync(CodeOf(Field("shorturl"), shortUrlBase), cancellationToken) is { } stats && requester.MaySee(stats)
                    ? Answer().Add("statusCode", 200).Add("message", "success").Add("link", LinkOf(stats, shortUrlBase))
                    : NotFound(Answer());
            case "stats":
                return await StatsAsync(Answer(), Field("filter"), Field("limit"), requester, search, across, shortUrlBase, cancellationToken);
            case "db-stats":
                var found = await search.SearchAsync(Everything(requester, 0, 1), cancellationToken);
                var totals = await across.TotalsAsync(requester.OnlyLinksOf, cancellationToken);
                return Answer().Add("db-stats", new YourlsAnswer().Add("total_links", Text(found.Total)).Add("total_clicks", Text(totals.Clicks)))
                    .Add("statusCode", 200).Add("message", "success");
            case "version":
                return Answer().Add("version", Version).Add("statusCode", 200).Add("message", "success").WithSimple(Version);
            default:
                const string unknown = "Unknown or missing \"action\" parameter";
                return Answer().Add("errorCode", 400).Add("message", unknown).WithStatus(StatusCodes.Status400BadRequest).WithSimple(unknown);
        }
    }

    private static async Task<YourlsAnswer> ShortenAsync(
        YourlsAnswer answer, string? url, string? keyword, string? title, HttpContext context, LinkService links, ILinkSearch search,
        PublicAddress address, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var requester = Requester.Of(context);
        var shortUrlBase = address.ShortUrlBase(request);
        var selfHosts = address.SelfHosts(request);
        keyword = string.IsNullOrWhiteSpace(keyword) ? null : keyword.Trim();
        // As YOURLS with unique URLs (its default): a long URL shortened again without a keyword answers the short URL it has.
        if (keyword is null && TargetUrl.Validate(url, selfHosts, out var target) is null)
        {
            var found = await search.SearchAsync(new LinkQuery(target, [], false, LinkSorts.Newest, 0, 100, requester.KeyName, SeesProtectedLinks: true), cancellationToken);
            if (found.Items.FirstOrDefault(link => link.Url == target && link.PasswordHash is null) is { } existing)
            {
                return answer.Add("status", "fail").Add("code", "error:url").Add("url", LinkOf(existing, shortUrlBase))
                    .Add("message", $"{Clip(existing.Url)} already exists in database").Add("title", existing.Title ?? existing.Url)
                    .Add("shorturl", shortUrlBase + existing.Code).Add("statusCode", 200).WithSimple(shortUrlBase + existing.Code);
            }
        }

        var create = new CreateLinkRequest(url, keyword, Title: string.IsNullOrWhiteSpace(title) ? null : title);
        switch (await links.CreateAsync(create, selfHosts, requester.KeyName, cancellationToken))
        {
            case LinkService.CreateOutcome.Created(var link):
                return answer.Add("url", LinkOf(link, shortUrlBase)).Add("status", "success").Add("message", $"{Clip(link.Url)} added to database")
                    .Add("title", link.Title ?? link.Url).Add("shorturl", shortUrlBase + link.Code).Add("statusCode", 200)
                    .WithSimple(shortUrlBase + link.Code);
            case LinkService.CreateOutcome.Invalid(var field, var message):
                var (code, words) = field switch
                {
                    "url" => ("error:nourl", "Missing or malformed URL"),
                    "alias" => ("error:keyword", $"Short URL {keyword} is not a valid keyword: {message}"),
                    _ => ($"error:{field}", message),
                };
                return Failed(answer, code, words);
            case LinkService.CreateOutcome.AliasTaken(var alias):
                return Failed(answer, "error:keyword", $"Short URL {alias} already exists in database or is reserved");
            default:
                return Failed(answer, "error:db", "Error saving url to database; try again").WithStatus(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<YourlsAnswer> StatsAsync(
        YourlsAnswer answer, string? filter, string? limit, Requester requester, ILinkSearch search, IVisitsAcross across, string shortUrlBase,
        CancellationToken cancellationToken)
    {
        var count = 10;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1))
        {
            count = 10;
        }

        count = Math.Min(count, LinkSearchApi.MaxPageSize);
        // ShortUrl keeps no random order: "rand" answers the newest, as "last" does.
        var sort = filter switch { "bottom" => "clicks", "last" or "rand" => LinkSorts.Newest, _ => "-clicks" };
        var found = await search.SearchAsync(Everything(requester, 0, count) with { Sort = sort }, cancellationToken);
        var totals = await across.TotalsAsync(requester.OnlyLinksOf, cancellationToken);
        var list = new YourlsAnswer();
        var number = 0;
        foreach (var link in found.Items)
        {
            list.Add($"link_{++number}", LinkOf(link, shortUrlBase));
        }

        return answer.Add("links", list).Add("stats", new YourlsAnswer().Add("total_links", Text(found.Total)).Add("total_clicks", Text(totals.Clicks)))
            .Add("statusCode", 200).Add("message", "success");
    }

    private static LinkQuery Everything(Requester requester, long offset, int limit) =>
        new(null, [], false, LinkSorts.Newest, offset, limit, requester.OnlyLinksOf, SeesProtectedLinks: true);

    /// <summary>A link as YOURLS's stats show it (its numbers as text, as YOURLS reads them from its database).</summary>
    private static YourlsAnswer LinkOf(Link link, string shortUrlBase) => new YourlsAnswer()
        .Add("keyword", link.Code).Add("shorturl", shortUrlBase + link.Code).Add("url", link.Url).Add("title", link.Title ?? link.Url)
        .Add("timestamp", link.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Add("ip", "").Add("clicks", Text(link.Clicks));

    /// <summary>The code in a short URL as YOURLS takes it: the whole short URL, or the keyword alone.</summary>
    private static string CodeOf(string? shortUrl, string shortUrlBase)
    {
        var text = (shortUrl ?? "").Trim();
        if (text.StartsWith(shortUrlBase, StringComparison.OrdinalIgnoreCase))
        {
            return text[shortUrlBase.Length..].TrimEnd('/');
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri.AbsolutePath.Trim('/') : text;
    }

    private static YourlsAnswer NotFound(YourlsAnswer answer) => answer
        .Add("statusCode", 404).Add("message", "Error: short URL not found").Add("errorCode", "404")
        .WithStatus(StatusCodes.Status404NotFound).WithSimple("Error: short URL not found");

    private static YourlsAnswer Failed(YourlsAnswer answer, string code, string message) => answer
        .Add("status", "fail").Add("code", code).Add("message", message).Add("errorCode", "400").Add("statusCode", 400)
        .WithStatus(StatusCodes.Status400BadRequest).WithSimple(message);

    /// <summary>A JSONP callback: a name or a dotted path of names, or none (the answer is then a bare parenthesised value).</summary>
    private static bool IsCallbackName(string callback) => callback.Length <= 128 && CallbackName().IsMatch(callback);

    [GeneratedRegex(@"^([A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*)?\z")]
    private static partial Regex CallbackName();

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        $"The body is larger than {BoundedBody.MaxBytes / 1024} KiB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

    private static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>YOURLS shortens a long URL in its messages.</summary>
    private static string Clip(string url) => url.Length > 50 ? url[..50] + "..." : url;
}
