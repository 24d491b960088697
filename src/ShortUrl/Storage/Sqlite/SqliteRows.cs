using Microsoft.Data.Sqlite;

namespace ShortUrl.Storage.Sqlite;

/// <summary>How the SQLite store reads its rows.</summary>
internal static class SqliteRows
{
    /// <summary>A row selected as Id, Code, Url, CreatedAt, Clicks, ExpiresAt, MaxClicks, PasswordHash, CreatedBy, in that order.</summary>
    public static Link ReadLink(SqliteDataReader row) =>
        new(
            row.GetInt64(0), row.GetString(1), row.GetString(2), StoredTime.Parse(row.GetString(3)), row.GetInt64(4),
            row.IsDBNull(5) ? null : StoredTime.Parse(row.GetString(5)),
            row.IsDBNull(6) ? null : row.GetInt64(6),
            row.IsDBNull(7) ? null : row.GetString(7),
            row.IsDBNull(8) ? null : row.GetString(8));
}
