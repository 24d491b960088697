using System.Runtime.CompilerServices;
using Dapper;

namespace ShortUrl.Storage;

/// <summary>
/// The export of both engines: one statement (<paramref name="exportSql"/> for every link, <paramref name="exportByCreatorSql"/>
/// for the links of the key named <c>@CreatedBy</c>), read row by row as the caller enumerates.
/// </summary>
internal sealed class DapperLinkExport(OpenConnection open, string exportSql, string exportByCreatorSql)
{
    public async IAsyncEnumerable<ExportedLink> ExportAsync(string? createdBy, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var rows = createdBy is null
            ? connection.QueryUnbufferedAsync<ExportRow>(exportSql)
            : connection.QueryUnbufferedAsync<ExportRow>(exportByCreatorSql, new { CreatedBy = createdBy });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row.ToExportedLink();
        }
    }

    /// <summary>
    /// A row as either engine returns it: SQLite gives the times as text and the flag as a number, PostgreSQL timestamptz
    /// and a boolean.
    /// </summary>
    private sealed class ExportRow
    {
        public string Code { get; set; } = "";

        public string Url { get; set; } = "";

        public object CreatedAt { get; set; } = "";

        public long Clicks { get; set; }

        public long BotClicks { get; set; }

        public object IsProtected { get; set; } = false;

        public object? ExpiresAt { get; set; }

        public long? MaxClicks { get; set; }

        public string? Title { get; set; }

        /// <summary>SQLite gives a JSON array of names, PostgreSQL an array.</summary>
        public object? Tags { get; set; }

        /// <summary>SQLite gives a number, PostgreSQL a boolean.</summary>
        public object ForwardQuery { get; set; } = true;

        public string? RedirectRules { get; set; }

        public ExportedLink ToExportedLink() => new(
            Code,
            Url,
            CreatedAt is string text ? StoredTime.Parse(text) : (DateTime)CreatedAt,
            Clicks,
            BotClicks,
            Convert.ToBoolean(IsProtected, System.Globalization.CultureInfo.InvariantCulture),
            ExpiresAt switch { string expiry => StoredTime.Parse(expiry), DateTime expiry => expiry, _ => null },
            MaxClicks,
            Title,
            Tags switch { string json => TagNames.FromJson(json), string[] names => names, _ => [] },
            Convert.ToBoolean(ForwardQuery, System.Globalization.CultureInfo.InvariantCulture),
            RedirectRules);
    }
}
