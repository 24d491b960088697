using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using ShortUrl.Hosting;
using ShortUrl.Links;
namespace ShortUrl.Portability;

/// <summary>One link of an import file as written, before validation.</summary>
/// <param name="Row">CSV: the line the record ends on; JSON: the element's position in the array, from 1.</param>
/// <param name="Link">The row as a create body; null when it cannot be read as one.</param>
/// <param name="Problem">Why it cannot be read as a create body, as a create would answer it: <c>field: message</c>.</param>
/// <param name="HadPassword">The row says the link had a password (an export's <c>hasPassword</c>).</param>
internal sealed record ImportRow(int Row, CreateLinkRequest? Link, string? Problem = null, bool HadPassword = false)
{
    public static string Reason(string? field, string message) => field is null ? message : $"{field}: {message}";
}

/// <summary>
/// Reads a whole import file, CSV or JSON, raw or as a multipart upload, within the limits: at most
/// <see cref="MaxBodyBytes"/> long, at most <see cref="ImportOptions.MaxRows"/> rows and
/// <see cref="ImportOptions.MaxPasswords"/> passwords. It stops reading at the first row past a limit, and a file that
/// cannot be parsed is refused whole, naming the line, so nothing of it is imported.
/// </summary>
internal static class ImportReader
{
    /// <summary>Far above the create body's limit, since one request carries many links; the row limit usually comes first.</summary>
    public const int MaxBodyBytes = 32 * 1024 * 1024;

    /// <summary>Header names (compared without case, spaces, '_' or '-') that hold the target, first match wins.</summary>
    public static readonly string[] UrlColumns = ["url", "longurl", "originalurl", "target", "destination"];

    /// <summary>
    /// Header names that hold the code, first match wins: this service's own <c>code</c>, Shlink's <c>shortCode</c>,
    /// YOURLS's <c>keyword</c>; the full short links of Shlink's <c>shortUrl</c> and Bitly's <c>link</c> give their last segment.
    /// </summary>
    private static readonly string[] AliasColumns = ["alias", "code", "shortcode", "keyword", "backhalf"];

    private static readonly string[] ShortLinkColumns = ["shorturl", "link", "bitlink"];

    private static readonly string[] ExpiresAtColumns = ["expiresat"];

    private static readonly string[] MaxClicksColumns = ["maxclicks"];

    private static readonly string[] PasswordColumns = ["password"];

    private static readonly string[] HasPasswordColumns = ["haspassword"];

    // JSON's white space, and the bytes of a UTF-8 byte order mark, which may come before the first value.
    private static readonly byte[] Blank = [(byte)' ', (byte)'\t', (byte)'\r', (byte)'\n', 0xEF, 0xBB, 0xBF];

    // Rows are read one element at a time; each is then read as a create body by the create's own reader.
    private static readonly ImportJsonContext Json = new(new JsonSerializerOptions { MaxDepth = 8 });

    public static async Task<BodyRead<List<ImportRow>>> ReadAsync(HttpRequest request, ImportOptions limits, CancellationToken cancellationToken)
    {
        var read = await ReadRowsAsync(request, limits.MaxRows, cancellationToken);
        if (read.Value is { } rows && rows.Count(row => !string.IsNullOrEmpty(row.Link?.Password)) > limits.MaxPasswords)
        {
            return BodyProblem.TooLarge("Too many passwords",
                $"An import sets at most {limits.MaxPasswords} passwords (each is hashed with deliberately slow work); "
                + "split the file and import the parts. Nothing was imported.");
        }

        return read;
    }

    private static async Task<BodyRead<List<ImportRow>>> ReadRowsAsync(HttpRequest request, int maxRows, CancellationToken cancellationToken)
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
                return json ? await ReadJsonAsync(upload, maxRows, cancellationToken) : await ReadCsvAsync(upload, maxRows, cancellationToken);
            }

            if (request.HasJsonContentType())
            {
                return await ReadJsonAsync(request.Body, maxRows, cancellationToken);
            }

            if (IsCsv(request.ContentType))
            {
                return await ReadCsvAsync(request.Body, maxRows, cancellationToken);
            }
        }
        catch (Exception e) when (BoundedBody.IsTooLarge(e))
        {
            return TooLarge();
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && !cancellationToken.IsCancellationRequested))
        {
            // The form reader's own limits, or a multipart body that is not one (its boundary never comes: the reader
            // reports the end of the stream).
            return BodyProblem.Invalid("Unreadable upload", "The multipart body could not be read; send the file as a file field.");
        }

        return BodyProblem.Unsupported("Unsupported media type",
            "Send the links as CSV (text/csv), as JSON (application/json) or as a file in a multipart/form-data upload.");
    }

    private static bool IsCsv(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase));

    private static async Task<BodyRead<List<ImportRow>>> ReadJsonAsync(Stream body, int maxRows, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        if (!await StartsWithArrayAsync(reader, cancellationToken))
        {
            return BodyProblem.Invalid("Invalid JSON",
                "The file must be a JSON array of links like [{\"url\": \"https://example.com\", \"alias\": \"docs\"}], so nothing was imported.");
        }

        await using var json = reader.AsStream();
        var rows = new List<ImportRow>();
        try
        {
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable(json, Json.JsonElement, cancellationToken))
            {
                if (rows.Count == maxRows)
                {
                    return TooManyRows(maxRows);
                }

                rows.Add(JsonRow(rows.Count + 1, element));
            }
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            return BodyProblem.Invalid("Invalid JSON",
                $"The file is not valid JSON{where}, so nothing was imported. Send an array of objects like {{\"url\": \"https://example.com\", \"alias\": \"docs\"}}.");
        }

        return rows;
    }

    /// <summary>
    /// Whether the body's first value opens an array. The streaming reader reads a <c>null</c> body as no rows at all, so
    /// this looks first, without consuming what it looks at (unless a whole buffer is white space).
    /// </summary>
    private static async Task<bool> StartsWithArrayAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            var sequence = new SequenceReader<byte>(buffer);
            sequence.AdvancePastAny(Blank);
            if (sequence.TryPeek(out var first))
            {
                reader.AdvanceTo(buffer.Start, sequence.Position);
                return first == (byte)'[';
            }

            reader.AdvanceTo(buffer.End);
            if (read.IsCompleted)
            {
                return false;
            }
        }
    }

    /// <summary>One element read exactly as a create body is, so that a row is refused with the words a create would use.</summary>
    private static ImportRow JsonRow(int row, JsonElement element)
    {
        var read = CreateRequestReader.ParseJson(Encoding.UTF8.GetBytes(element.GetRawText()));
        var hadPassword = element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("hasPassword", out var flag) && flag.ValueKind == JsonValueKind.True;
        return read.Value is { } link
            ? new ImportRow(row, link, HadPassword: hadPassword)
            : new ImportRow(row, null, ImportRow.Reason(read.Problem!.Field, read.Problem.Detail));
    }

    private static async Task<BodyRead<List<ImportRow>>> ReadCsvAsync(Stream body, int maxRows, CancellationToken cancellationToken)
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
            var columns = new CsvColumns(
                urlColumn, aliasColumn, shortLinkColumn, FirstColumn(names, ExpiresAtColumns), FirstColumn(names, MaxClicksColumns),
                FirstColumn(names, PasswordColumns), FirstColumn(names, HasPasswordColumns));
            while (await csv.ReadAsync(cancellationToken))
            {
                if (rows.Count == maxRows)
                {
                    return TooManyRows(maxRows);
                }

                rows.Add(CsvRow(csv, columns));
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

    /// <summary>Where each field of a row is; -1 for a column the file does not have.</summary>
    private sealed record CsvColumns(int Url, int Alias, int ShortLink, int ExpiresAt, int MaxClicks, int Password, int HasPassword);

    /// <summary>The fields of a create body from their columns; a click limit that is no number is refused as a form's is.</summary>
    private static ImportRow CsvRow(CsvReader csv, CsvColumns columns)
    {
        var row = (int)csv.LineNumber;
        var alias = columns.Alias >= 0 ? Field(csv, columns.Alias)
            : columns.ShortLink >= 0 ? LastSegment(Field(csv, columns.ShortLink))
            : null;
        if (LinkRulesInput.ParseMaxClicks(Field(csv, columns.MaxClicks), out var maxClicks) is { } limitProblem)
        {
            return new ImportRow(row, null, ImportRow.Reason("maxClicks", limitProblem));
        }

        var link = new CreateLinkRequest(
            Field(csv, columns.Url), alias, Field(csv, columns.ExpiresAt), maxClicks, Field(csv, columns.Password));
        var hadPassword = bool.TryParse(Field(csv, columns.HasPassword), out var flag) && flag;
        return new ImportRow(row, link, HadPassword: hadPassword);
    }

    private static string? Field(CsvReader csv, int index) => index < 0 || csv.IsEmpty(index) ? null : csv.GetString(index);

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

    private static BodyProblem TooManyRows(int maxRows) => BodyProblem.TooLarge("Too many rows",
        $"An import holds at most {maxRows} links and this file has more; split it and import the parts. Nothing was imported.");

    private static BodyProblem TooLarge() => BodyProblem.TooLarge("File too large",
        $"An import is at most {MaxBodyBytes / (1024 * 1024)} MiB; split the file and import the parts. Nothing was imported.");
}

/// <summary>The one type the import reads with the serializer itself: each row as it stands, read on as a create body.</summary>
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ImportJsonContext : JsonSerializerContext;
