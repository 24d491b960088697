using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>Writes a link's tags, inside the transaction that creates or edits the link.</summary>
internal static class PostgresLinkTags
{
    /// <summary>Gives the link <paramref name="urlId"/> <paramref name="tags"/>; with <paramref name="replace"/>, instead of those it had.</summary>
    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long urlId, IReadOnlyList<string> tags, bool replace,
        CancellationToken cancellationToken)
    {
        if (replace)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                SharedSql.UntagLink, new { UrlId = urlId }, transaction, cancellationToken: cancellationToken));
        }

        if (tags.Count == 0)
        {
            return;
        }

        var names = tags.ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            PostgresStatements.AddTags, new { Tags = names }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            PostgresStatements.TagLink, new { UrlId = urlId, Tags = names }, transaction, cancellationToken: cancellationToken));
    }
}
