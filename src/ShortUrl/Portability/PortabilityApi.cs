using System.Runtime.CompilerServices;
using CsvHelper;
namespace ShortUrl.Portability;

/// <summary>A link with its stats summary, as the export lists it.</summary>
/// <param name="Code">The code after the slash.</param>
/// <param name="ShortUrl">The full short link.</param>
/// <param name="Url">The target.</param>
/// <param name="CreatedAt">When it was created, UTC.</param>
/// <param name="Clicks">Clicks by people, the link's headline count.</param>
/// <param name="BotClicks">Visits by crawlers and link-preview fetchers.</param>
/// <param name="ExpiresAt">When it stops redirecting, UTC; null when it never expires.</param>
/// <param name="MaxClicks">After how many clicks it stops redirecting; null when there is no limit.</param>
/// <param name="HasPassword">Whether followers must enter a password. The password itself is never exported, so an import
/// refuses a row with this set unless the row gives a password.</param>
/// <param name="Title">Its title; null when it has none.</param>
/// <param name="Tags">Its tags, in their order (in CSV, joined with '|').</param>
/// <param name="ForwardQuery">Whether the query string the short link is followed with is appended to the target's.</param>
/// <param name="Rules">Its redirect rules, in order (in CSV, as a JSON array; empty when it has none).</param>
internal sealed record ExportedLinkResponse(
    string Code, string ShortUrl, string Url, DateTime CreatedAt, long Clicks, long BotClicks, DateTime? ExpiresAt, long? MaxClicks,
    bool HasPassword,
    string? Title,
    IReadOnlyList<string> Tags,
    bool ForwardQuery,
    IReadOnlyList<RedirectRule> Rules);

/// <summary><c>/api/urls/export</c> and <c>/api/urls/import</c>: every link out, many links in.</summary>
internal static class PortabilityApi
{
    /// <summary>The export's CSV columns, in order; the import reads a file with them back.</summary>
    public static readonly string[] CsvColumns = ["code", "shortUrl", "url", "createdAt", "clicks", "botClicks", "expiresAt", "maxClicks", "hasPassword",
        "title", "tags", "forwardQuery", "rules"];

    /// <summary>Seconds a client is asked to wait after the database refused an import for a reason not known to pass soon.</summary>
    public const int RetryAfterSeconds = 30;

    public static RouteGroupBuilder MapPortability(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/urls").WithTags("Import and export");

        group.MapGet("/export", Export)
            .Describe("ExportLinks", "Every link with its stats summary, as CSV or JSON",
                $"""
                'format' is csv or json (the default). The answer streams, oldest link first, CSV with the header row
                {string.Join(",", CsvColumns)}. Needs an API key in {KeyRing.HeaderName}: an admin key exports every
                link, an author key the links it created.
                """)
            .Produces<List<ExportedLinkResponse>>(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .RequireApiKey();

        group.MapPost("/import", Import)
            .Describe("ImportLinks", "Create many links from a CSV or JSON file, or a SQL dump of YOURLS, Shlink or Kutt",
                $"""
                CSV (text/csv) with a header row naming a 'url' column and optionally 'alias', 'expiresAt', 'maxClicks',
                'password', 'title', 'tags' (separated by '|'), 'forwardQuery' and 'rules' (a JSON array) (the export's
                own columns and the CSV exports of Shlink, YOURLS and Bitly are understood), JSON (application/json): an
                array of create bodies, or a SQL dump (application/sql, or a .sql upload) of YOURLS's yourls_url
                (mysqldump's INSERTs) or of Shlink's short_urls and Kutt's links (pg_dump's COPY blocks), read and never
                run; raw, or as a file in a multipart/form-data upload. At most {ImportReader.MaxBodyBytes / (1024 *
                1024)} MiB and ShortUrl:Import:MaxRows rows (413 past either). Each row is checked as a create is:
                invalid rows are rejected with the create's words and taken aliases skipped, and the rest import
                together or not at all; a file that cannot be parsed is refused whole (400, naming the line), and when
                the database cannot take the write the answer is 503 and nothing is imported.
                """)
            .Accepts<List<CreateLinkRequest>>("application/json", "text/csv", "application/sql", "multipart/form-data")
            .Produces<ImportReport>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireApiKey()
            .RequireCreateRateLimit()
            .DisableAntiforgery();

        return group;
    }

    private static Results<Ok<IAsyncEnumerable<ExportedLinkResponse>>, ValidationProblem, CsvExport> Export(
        string? format, HttpContext context, ILinkPortability store, PublicAddress address)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Problems.Validation("format", "'format' must be csv or json.");
        }

        var shortUrlBase = address.ShortUrlBase(context.Request);
        // Only links the caller manages (all for an admin, its own for an author): their targets are the caller's to see.
        var links = Responses(store.ExportAsync(Requester.Of(context).OnlyLinksOf, context.RequestAborted), shortUrlBase);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"shorturl-links.{format ?? "json"}\"";
        return format == "csv" ? new CsvExport(links) : TypedResults.Ok(links);
    }

    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(
        HttpRequest request, LinkImporter importer, PublicAddress address, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        var read = await ImportReader.ReadAsync(request, options.Value, cancellationToken);
        if (read.Value is not { } rows)
        {
            return read.Problem!.ToProblem();
        }

        var outcome = await importer.ImportAsync(
            rows, address.SelfHosts(request), address.ShortUrlBase(request), Requester.Of(request.HttpContext).KeyName, cancellationToken);
        if (outcome is LinkImporter.Outcome.Imported(var report))
        {
            return TypedResults.Ok(report);
        }

        var fault = (outcome as LinkImporter.Outcome.NothingImported)?.Fault;
        var retryAfter = fault?.RetryAfterSeconds ?? RetryAfterSeconds;
        request.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            $"{(fault is null ? "The database could not take the import." : fault.Cause)} The import was rolled back, so nothing "
                + $"was imported: no link of the file was created. Import the same file again in {retryAfter} s.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Nothing imported");
    }

    private static async IAsyncEnumerable<ExportedLinkResponse> Responses(
        IAsyncEnumerable<ExportedLink> links, string shortUrlBase, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var link in links.WithCancellation(cancellationToken))
        {
            yield return new ExportedLinkResponse(
                link.Code, shortUrlBase + link.Code, link.Url, link.CreatedAt, link.Clicks, link.BotClicks, link.ExpiresAt, link.MaxClicks,
                link.IsProtected,
                link.Title,
                link.Tags ?? [],
                link.ForwardQuery,
                RedirectRulesInput.FromStored(link.RedirectRules));
        }
    }

    /// <summary>Writes the links as CSV while they are read, flushing as the writer's buffer fills.</summary>
    private sealed class CsvExport(IAsyncEnumerable<ExportedLinkResponse> links) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "text/csv; charset=utf-8";
            var cancellationToken = httpContext.RequestAborted;
            await using var csv = CsvWriter.Create(httpContext.Response.Body, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteHeader(CsvColumns);
            await foreach (var link in links.WithCancellation(cancellationToken))
            {
                csv.WriteField(link.Code);
                csv.WriteField(link.ShortUrl);
                csv.WriteField(link.Url);
                csv.WriteField(StoredTime.ToText(link.CreatedAt));
                csv.WriteField(link.Clicks.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(link.BotClicks.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(StoredTime.ToText(link.ExpiresAt));
                csv.WriteField(link.MaxClicks?.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(link.HasPassword ? "true" : "false");
                csv.WriteField(link.Title);
                csv.WriteField(string.Join('|', link.Tags));
                csv.WriteField(link.ForwardQuery ? "true" : "false");
                csv.WriteField(link.Rules.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(link.Rules, AppJsonContext.Default.IReadOnlyListRedirectRule));
                await csv.EndRecordAsync(cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
        }
    }
}
