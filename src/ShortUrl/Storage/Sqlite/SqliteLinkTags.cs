using Microsoft.Data.Sqlite;

namespace ShortUrl.Storage.Sqlite;

/// <summary>Writes a link's tags, inside the transaction that creates or edits the link.</summary>
internal static class SqliteLinkTags
{
    /// <summary>Gives the link <paramref name="urlId"/> <paramref name="tags"/>; with <paramref name="replace"/>, instead of those it had.</summary>
    public static void Write(
        PooledSqliteConnection connection, SqliteTransaction transaction, long urlId, IReadOnlyList<string> tags, bool replace)
    {
        if (replace)
        {
            Run(connection, transaction, SharedSql.UntagLink).Bind("@UrlId", urlId).ExecuteNonQuery();
        }

        if (tags.Count == 0)
        {
            return;
        }

        var names = TagNames.ToJson(tags);
        Run(connection, transaction, SqliteStatements.AddTags).Bind("@Tags", names).ExecuteNonQuery();
        Run(connection, transaction, SqliteStatements.TagLink).Bind("@UrlId", urlId).Bind("@Tags", names).ExecuteNonQuery();
    }

    private static SqliteCommand Run(PooledSqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.Prepared(sql);
        command.Transaction = transaction;
        return command;
    }
}
