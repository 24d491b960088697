using System.Text.Json;
using CsvHelper;
using ShortUrl.Hosting;
using ShortUrl.Links;
namespace ShortUrl.Portability;

/// <summary>One link of an import file as written, before validation.</summary>
/// <param name="Row">CSV: the line the record ends on; JSON: the element's position in the array, from 1.</param>
/// <param name="Url">The target as written.</param>
/// <param name="Alias">The alias as written; null for a generated code.</param>
internal sealed record ImportRow(int Row, string? Url, string? Alias);

/// <summary>
/// Reads a whole import file, CSV or JSON, raw or as a multipart upload, at most <see cref="MaxBodyBytes"/> long. A file
/// that cannot be parsed is refused whole, naming the line, so nothing of it is imported.
/// </summary>
internal static class ImportReader
{
    /// <summary>About 300,000 typical rows: far above the create body's limit, since one request carries many links.</summary>
    public const int MaxBodyBytes = 32 * 1024 * 1024;

    /// <summary>Header names (compared without case, spaces, '_' or '-') that hold the target, first match wins.</summary>
    public static readonly string[] UrlColumns = ["url", "longurl", "originalurl", "target", "destination"];

    /// <summary>
    /// Header names that hold the code, first match wins: this service's own <c>code</c>, Shlink's <c>shortCode</c>,
    /// YOURLS's <c>keyword</c>; the full short links of Shlink's <c>shortUrl</c> and Bitly's <c>link</c> give their last segment.
    /// </summary>
    private static readonly string[] AliasColumns = ["alias", "code", "shortcode", "keyword", "backhalf"];

    private static readonly string[] ShortLinkColumns = ["shorturl", "link", "bitlink"];

    private static readonly JsonSerializerOptions JsonOptions = new(AppJsonContext.Default.Options) { MaxDepth = 8 };

    public static async Task<BodyRead<List<ImportRow>>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!BoundedBody.Limit(request, MaxBodyBytes))
        {
            return TooLarge();
        }

        try
        {
            if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                var form = await request.ReadFormAsync(cancellationToken);
                if (form.Files.Count == 0)
                {
                    return BodyProblem.Invalid("No file", "The form has no file: send the CSV or JSON file as a file field.");
                }

                var file = form.Files[0];
                var json = file.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                    || (file.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
                await using var upload = file.OpenReadStream();
                return json ? await ReadJsonAsync(upload, cancellationToken) : await ReadCsvAsync(upload, cancellationToken);
            }

            if (request.HasJsonContentType())
            {
                return await ReadJsonAsync(request.Body, cancellationToken);
            }

            if (IsCsv(request.ContentType))
            {
                return await ReadCsvAsync(request.Body, cancellationToken);
            }
        }
        catch (Exception e) when (BoundedBody.IsTooLarge(e))
        {
            return TooLarge();
        }
        catch (InvalidDataException)
        {
            // The form reader's own limits, or a multipart body that is not one.
            return BodyProblem.Invalid("Unreadable upload", "The multipart body could not be read; send the file as a file field.");
        }

        return BodyProblem.Unsupported("Unsupported media type",
            "Send the links as CSV (text/csv), as JSON (application/json) or as a file in a multipart/form-data upload.");
    }

    private static bool IsCsv(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase));

    private static async Task<BodyRead<List<ImportRow>>> ReadJsonAsync(Stream body, CancellationToken cancellationToken)
    {
        List<CreateLinkRequest?>? items;
        try
        {
            items = (List<CreateLinkRequest?>?)await JsonSerializer.DeserializeAsync(
                body, JsonOptions.GetTypeInfo(typeof(List<CreateLinkRequest?>)), cancellationToken);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            return BodyProblem.Invalid("Invalid JSON",
                $"The file is not valid JSON{where}, so nothing was imported. Send an array of objects like {{\"url\": \"https://example.com\", \"alias\": \"docs\"}}.");
        }

        if (items is null)
        {
            return BodyProblem.Invalid("Invalid JSON", "The file must be a JSON array of links, not null.");
        }

        return items.Select((item, index) => new ImportRow(index + 1, item?.Url, item?.Alias)).ToList();
    }

    private static async Task<BodyRead<List<ImportRow>>> ReadCsvAsync(Stream body, CancellationToken cancellationToken)
    {
        // Comma-separated, as RFC 4180 and every exporter we map say: a guessed separator could split a URL at ';'.
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            MalformedData = CsvMalformedDataHandling.Throw,
            TrackLineNumbers = true,
            TrimWhitespace = true,
        };
        await using var csv = CsvReader.Create(body, options, leaveOpen: true);
        var rows = new List<ImportRow>();
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
            var header = csv.Headers;
            if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
            {
                return BodyProblem.Invalid("Empty file", "The CSV file is empty: it needs a header row and a row per link.");
            }

            var names = header.Select(Normalize).ToList();
            var urlColumn = FirstColumn(names, UrlColumns);
            if (urlColumn < 0)
            {
                return BodyProblem.Invalid("No url column",
                    $"The header row ({string.Join(", ", header)}) names no column of targets: call it 'url' "
                    + "(long_url, longUrl and original_url are understood too). Nothing was imported.");
            }

            var aliasColumn = FirstColumn(names, AliasColumns);
            var shortLinkColumn = aliasColumn < 0 ? FirstColumn(names, ShortLinkColumns) : -1;
            while (await csv.ReadAsync(cancellationToken))
            {
                var alias = aliasColumn >= 0 ? Field(csv, aliasColumn)
                    : shortLinkColumn >= 0 ? LastSegment(Field(csv, shortLinkColumn))
                    : null;
                rows.Add(new ImportRow((int)csv.LineNumber, Field(csv, urlColumn), alias));
            }
        }
        catch (CsvFormatException e)
        {
            return BodyProblem.Invalid("Invalid CSV",
                $"The CSV file cannot be read at line {e.LineNumber} (a quote that is never closed, or a stray quote in a field), "
                + "so nothing was imported.");
        }

        return rows;
    }

    private static string? Field(CsvReader csv, int index) => csv.IsEmpty(index) ? null : csv.GetString(index);

    private static string? LastSegment(string? shortLink) =>
        shortLink is null ? null : shortLink.TrimEnd('/').Split('/')[^1] is { Length: > 0 } last ? last : null;

    private static int FirstColumn(List<string> names, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var index = names.IndexOf(candidate);
            if (index >= 0)
            {
                return index;
            }
        }

        return -1;
    }

    private static string Normalize(string header) =>
        new(header.Where(c => c is not (' ' or '_' or '-')).Select(char.ToLowerInvariant).ToArray());

    private static BodyProblem TooLarge() => BodyProblem.TooLarge("File too large",
        $"An import is at most {MaxBodyBytes / (1024 * 1024)} MiB; split the file and import the parts.");
}
