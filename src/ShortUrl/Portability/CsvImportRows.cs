using CsvHelper;
namespace ShortUrl.Portability;

/// <summary>
/// The rows of a CSV import: columns found by their header's name, the records read one at a time and stopped at the
/// first past the row limit.
/// </summary>
internal static class CsvImportRows
{
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

    private static readonly string[] TitleColumns = ["title"];

    /// <summary>Tags separated by '|' (the export's own) or ',' (Shlink's); neither can be part of a tag.</summary>
    private static readonly string[] TagsColumns = ["tags"];

    private static readonly string[] ForwardQueryColumns = ["forwardquery"];

    /// <summary>Redirect rules as a JSON array, as the export writes them.</summary>
    private static readonly string[] RulesColumns = ["rules", "redirectrules"];

    public static async Task<BodyRead<List<ImportRow>>> ReadAsync(Stream body, int maxRows, CancellationToken cancellationToken)
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
                FirstColumn(names, PasswordColumns), FirstColumn(names, HasPasswordColumns))
            {
                Title = FirstColumn(names, TitleColumns),
                Tags = FirstColumn(names, TagsColumns),
                ForwardQuery = FirstColumn(names, ForwardQueryColumns),
                Rules = FirstColumn(names, RulesColumns),
            };
            while (await csv.ReadAsync(cancellationToken))
            {
                if (rows.Count == maxRows)
                {
                    return ImportReader.TooManyRows(maxRows);
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
    private sealed record CsvColumns(int Url, int Alias, int ShortLink, int ExpiresAt, int MaxClicks, int Password, int HasPassword)
    {
        public int Title { get; init; } = -1;

        public int Tags { get; init; } = -1;

        public int ForwardQuery { get; init; } = -1;

        public int Rules { get; init; } = -1;
    }

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

        if (CreateRequestReader.ParseForwardQuery(Field(csv, columns.ForwardQuery), out var forwardQuery) is { } forwardProblem)
        {
            return new ImportRow(row, null, ImportRow.Reason("forwardQuery", forwardProblem));
        }

        RedirectRuleRequest?[]? rules = null;
        if (Field(csv, columns.Rules) is { } rulesJson)
        {
            try
            {
                rules = System.Text.Json.JsonSerializer.Deserialize(rulesJson, AppJsonContext.Default.RedirectRuleRequestArray);
            }
            catch (System.Text.Json.JsonException)
            {
                return new ImportRow(row, null, ImportRow.Reason("rules", "'rules' must be a JSON array of rules, as the export writes them."));
            }
        }

        var link = new CreateLinkRequest(
            Field(csv, columns.Url), alias, Field(csv, columns.ExpiresAt), maxClicks, Field(csv, columns.Password))
        {
            Title = Field(csv, columns.Title),
            Tags = Field(csv, columns.Tags)?.Split(['|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            ForwardQuery = forwardQuery,
            Rules = rules,
        };
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
}
