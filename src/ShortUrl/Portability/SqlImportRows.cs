using System.Globalization;
using System.Text;
using ShortUrl.Hosting;
using ShortUrl.Links;
namespace ShortUrl.Portability;

/// <summary>
/// The rows of a SQL dump import: YOURLS's <c>yourls_url</c> table as mysqldump writes it (any table prefix), Shlink's
/// <c>short_urls</c> (with the tags of <c>short_urls_in_tags</c> and <c>tags</c>) and Kutt's <c>links</c> as pg_dump
/// writes them. Other tables' rows are passed over; a file that is not a dump, or holds no link table, is refused whole,
/// naming the line.
/// </summary>
internal static class SqlImportRows
{
    /// <summary>YOURLS's columns, in its table's order, for an INSERT that names none (mysqldump's default).</summary>
    private static readonly string[] YourlsColumns = ["keyword", "url", "title", "timestamp", "ip", "clicks"];

    public static async Task<BodyRead<List<ImportRow>>> ReadAsync(Stream body, int maxRows, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var rows = new List<ImportRow>();
        // Shlink keeps tags apart: short URL id -> tag ids, tag id -> name, resolved once the whole dump is read.
        var shlinkIds = new Dictionary<int, string>();
        var shlinkTags = new List<(string ShortUrlId, string TagId)>();
        var tagNames = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var row in new SqlDump(text).Rows())
            {
                var columns = row.Columns;
                switch (Kind(row.Table))
                {
                    case Table.Yourls:
                        Add(FromYourls(row, columns ?? YourlsColumns));
                        break;
                    case Table.ShlinkShortUrls when columns is not null:
                        var shlink = FromShlink(row, columns);
                        if (Field(row, columns, "id") is { } id)
                        {
                            shlinkIds[rows.Count] = id;
                        }

                        Add(shlink);
                        break;
                    case Table.ShlinkTagsOfShortUrls when columns is not null:
                        if (Field(row, columns, "short_url_id") is { } shortUrlId && Field(row, columns, "tag_id") is { } tagId)
                        {
                            shlinkTags.Add((shortUrlId, tagId));
                        }

                        break;
                    case Table.ShlinkTags when columns is not null:
                        if (Field(row, columns, "id") is { } tagRowId && Field(row, columns, "name") is { } name)
                        {
                            tagNames[tagRowId] = name;
                        }

                        break;
                    case Table.KuttLinks when columns is not null:
                        Add(FromKutt(row, columns));
                        break;
                    case Table.ShlinkShortUrls or Table.ShlinkTagsOfShortUrls or Table.ShlinkTags or Table.KuttLinks:
                        throw new SqlDumpException(row.Line, $"The rows of {row.Table} at line {row.Line} name no columns; pg_dump always names them.");
                }

                if (rows.Count > maxRows)
                {
                    return ImportReader.TooManyRows(maxRows);
                }
            }
        }
        catch (SqlDumpException e)
        {
            return BodyProblem.Invalid("Invalid SQL dump", $"The SQL file cannot be read at line {e.Line}: {e.Message} Nothing was imported.");
        }

        if (rows.Count == 0)
        {
            return BodyProblem.Invalid("No links in the SQL dump",
                "The SQL file holds no rows of a link table (YOURLS's yourls_url, Shlink's short_urls, Kutt's links), so nothing was imported.");
        }

        AttachShlinkTags(rows, shlinkIds, shlinkTags, tagNames);
        return rows;

        void Add(ImportRow row) => rows.Add(row);
    }

    private enum Table { Other, Yourls, ShlinkShortUrls, ShlinkTagsOfShortUrls, ShlinkTags, KuttLinks }

    private static Table Kind(string name) => name.ToLowerInvariant() switch
    {
        "yourls_url" => Table.Yourls,
        var prefixed when prefixed.EndsWith("_url", StringComparison.Ordinal) && !prefixed.Contains("short", StringComparison.Ordinal) => Table.Yourls,
        "short_urls" => Table.ShlinkShortUrls,
        "short_urls_in_tags" => Table.ShlinkTagsOfShortUrls,
        "tags" => Table.ShlinkTags,
        "links" => Table.KuttLinks,
        _ => Table.Other,
    };

    private static ImportRow FromYourls(SqlDumpRow row, IReadOnlyList<string> columns)
    {
        var title = Field(row, columns, "title");
        var url = Field(row, columns, "url");
        // YOURLS stores the URL as its title when it found none.
        return new ImportRow(row.Line, new CreateLinkRequest(url, Field(row, columns, "keyword"), Title: title == url ? null : NullIfEmpty(title)));
    }

    private static ImportRow FromShlink(SqlDumpRow row, IReadOnlyList<string> columns) => new(row.Line, new CreateLinkRequest(
        Field(row, columns, "original_url"),
        Field(row, columns, "short_code"),
        ExpiresAt: Timestamp(Field(row, columns, "valid_until")),
        MaxClicks: long.TryParse(Field(row, columns, "max_visits"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) ? max : null,
        Title: NullIfEmpty(Field(row, columns, "title")),
        ForwardQuery: Field(row, columns, "forward_query") is { } forward ? forward is "t" or "true" or "1" : null));

    private static ImportRow FromKutt(SqlDumpRow row, IReadOnlyList<string> columns)
    {
        var address = Field(row, columns, "address");
        if (!string.IsNullOrEmpty(Field(row, columns, "password")))
        {
            // Kutt keeps only a hash of the password: importing the link open would unprotect it.
            return new ImportRow(row.Line, null, ImportRow.Reason("password",
                $"The Kutt link '{address}' has a password, which its dump holds only as a hash; create it again with a password."));
        }

        if (Field(row, columns, "banned") is "t" or "true" or "1")
        {
            return new ImportRow(row.Line, null, ImportRow.Reason("banned", $"The Kutt link '{address}' was banned there."));
        }

        return new ImportRow(row.Line, new CreateLinkRequest(
            Field(row, columns, "target"), address, ExpiresAt: Timestamp(Field(row, columns, "expire_in")),
            Title: NullIfEmpty(Field(row, columns, "description"))));
    }

    private static void AttachShlinkTags(
        List<ImportRow> rows, Dictionary<int, string> shlinkIds, List<(string ShortUrlId, string TagId)> links, Dictionary<string, string> names)
    {
        if (links.Count == 0)
        {
            return;
        }

        var tagsOf = links.Where(link => names.ContainsKey(link.TagId))
            .GroupBy(link => link.ShortUrlId, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(link => names[link.TagId]).ToArray(), StringComparer.Ordinal);
        foreach (var (index, id) in shlinkIds)
        {
            if (rows[index].Link is { } link && tagsOf.TryGetValue(id, out var tags))
            {
                rows[index] = rows[index] with { Link = link with { Tags = tags } };
            }
        }
    }

    private static string? Field(SqlDumpRow row, IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count && i < row.Values.Count; i++)
        {
            if (columns[i] == name)
            {
                return row.Values[i];
            }
        }

        return null;
    }

    /// <summary>A database timestamp (<c>2026-12-01 10:00:00</c>, with or without an offset) as ISO 8601; UTC when it names no offset.</summary>
    private static string? Timestamp(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : value;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
