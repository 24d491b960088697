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
/// Reads a whole import file, CSV, JSON or a SQL dump, raw or as a multipart upload, within the limits: at most
/// <see cref="MaxBodyBytes"/> long, at most <see cref="ImportOptions.MaxRows"/> rows and
/// <see cref="ImportOptions.MaxPasswords"/> passwords. It stops reading at the first row past a limit, and a file that
/// cannot be parsed is refused whole, naming the line, so nothing of it is imported.
/// </summary>
internal static class ImportReader
{
    /// <summary>Far above the create body's limit, since one request carries many links; the row limit usually comes first.</summary>
    public const int MaxBodyBytes = 32 * 1024 * 1024;

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
                var sql = file.FileName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) || IsSql(file.ContentType);
                await using var upload = file.OpenReadStream();
                return json ? await JsonImportRows.ReadAsync(upload, maxRows, cancellationToken)
                    : sql ? await SqlDumpImportRows.ReadAsync(upload, maxRows, cancellationToken)
                    : await CsvImportRows.ReadAsync(upload, maxRows, cancellationToken);
            }

            if (request.HasJsonContentType())
            {
                return await JsonImportRows.ReadAsync(request.Body, maxRows, cancellationToken);
            }

            if (IsCsv(request.ContentType))
            {
                return await CsvImportRows.ReadAsync(request.Body, maxRows, cancellationToken);
            }

            if (IsSql(request.ContentType))
            {
                return await SqlDumpImportRows.ReadAsync(request.Body, maxRows, cancellationToken);
            }
        }
        catch (Exception e) when (BoundedBody.IsTooLarge(e))
        {
            return TooLarge();
        }
        catch (Exception e) when (e is InvalidDataException
            || (e is IOException and not BadHttpRequestException && !cancellationToken.IsCancellationRequested))
        {
            // The form reader's own limits, or a multipart body that is not one (its boundary never comes: the reader
            // reports the end of the stream). The server's own refusals, such as a body sent too slowly, are answered
            // with their status by BadRequestHandler.
            return BodyProblem.Invalid("Unreadable upload", "The multipart body could not be read; send the file as a file field.");
        }

        return BodyProblem.Unsupported("Unsupported media type",
            "Send the links as CSV (text/csv), as JSON (application/json), as a SQL dump of YOURLS, Shlink or Kutt "
            + "(application/sql) or as a file in a multipart/form-data upload.");
    }

    private static bool IsCsv(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/csv", StringComparison.OrdinalIgnoreCase));

    private static bool IsSql(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/sql", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/x-sql", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("text/x-sql", StringComparison.OrdinalIgnoreCase));

    public static BodyProblem TooManyRows(int maxRows) => BodyProblem.TooLarge("Too many rows",
        $"An import holds at most {maxRows} links and this file has more; split it and import the parts. Nothing was imported.");

    private static BodyProblem TooLarge() => BodyProblem.TooLarge("File too large",
        $"An import is at most {MaxBodyBytes / (1024 * 1024)} MiB; split the file and import the parts. Nothing was imported.");
}
