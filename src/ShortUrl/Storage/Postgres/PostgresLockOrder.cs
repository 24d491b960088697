using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>
/// The order a batch of creates takes its locks in. Two instances' batches that insert the same codes or new tags in
/// different orders can each hold what the other waits for: PostgreSQL then breaks the deadlock by failing one, and
/// every create of its batch with it. In one order everywhere, the second waits for the first and then finds the code
/// taken, as a single create would: first every new tag of the batch, by name, then the links, by code. (An import keeps
/// its file's order, which is the order its links are listed in afterwards.)
/// </summary>
internal static class PostgresLockOrder
{
    /// <summary>
    /// The positions of <paramref name="codes"/> in ordinal order of the code; null (a code still to be generated,
    /// random and so never contended) last, in its place.
    /// </summary>
    public static int[] ByCode(IReadOnlyList<string?> codes) =>
        [.. Enumerable.Range(0, codes.Count).OrderBy(i => codes[i] is null).ThenBy(i => codes[i], StringComparer.Ordinal)];

    /// <summary>Adds every tag that <paramref name="tags"/> name and that does not exist yet, in one statement, by name.</summary>
    public static async Task AddTagsFirstAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        var names = tags.Distinct(StringComparer.Ordinal).ToArray();
        if (names.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                PostgresStatements.AddTags, new { Tags = names }, transaction, cancellationToken: cancellationToken));
        }
    }
}
