using Microsoft.Data.Sqlite;

namespace ShortUrl.Storage.Sqlite;

/// <summary>How the SQLite store reads its rows.</summary>
internal static class SqliteRows
{
    /// <summary>
    /// A row selected as Id, Code, Url, CreatedAt, Clicks, ExpiresAt, MaxClicks, PasswordHash, CreatedBy, Title, Tags (a
    /// JSON array of names), ForwardQuery, RedirectRules, in that order.
    /// </summary>
    public static Link ReadLink(SqliteDataReader row) =>
        new(
            row.GetInt64(0), row.GetString(1), row.GetString(2), StoredTime.Parse(row.GetString(3)), row.GetInt64(4),
            row.IsDBNull(5) ? null : StoredTime.Parse(row.GetString(5)),
            row.IsDBNull(6) ? null : row.GetInt64(6),
            row.IsDBNull(7) ? null : row.GetString(7),
            row.IsDBNull(8) ? null : row.GetString(8),
            row.IsDBNull(9) ? null : row.GetString(9),
            TagNames.FromJson(row.IsDBNull(10) ? null : row.GetString(10)),
            row.GetBoolean(11),
            row.IsDBNull(12) ? null : row.GetString(12));
}
