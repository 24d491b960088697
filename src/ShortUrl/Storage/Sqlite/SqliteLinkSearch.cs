using Microsoft.Data.Sqlite;

namespace ShortUrl.Storage.Sqlite;

/// <summary>
/// The search over SQLite: the page and the count in one read transaction, so the total is that of the links paged.
/// Text of three characters or more goes to the trigram index of migration 0009; shorter text, which holds no trigram,
/// to a scan of the links (newest first, only as far as the page's end; the count over every link).
/// </summary>
internal sealed class SqliteLinkSearch(SqliteDatabase database) : ILinkSearch
{
    public Task<LinkPage> SearchAsync(LinkQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(query, static (connection, query) =>
        {
            var (page, count, pageCounts) = StatementsFor(query);
            using var transaction = connection.Connection.BeginTransaction(deferred: true);
            var links = new List<Link>(Math.Min(query.Limit, 100));
            long? total = null;
            var select = Bound(connection.Prepared(page), query, transaction).Bind("@Sort", query.Sort)
                .Bind("@Limit", query.Limit).Bind("@Offset", query.Offset);
            using (var rows = select.ExecuteReader())
            {
                var totalColumn = pageCounts ? rows.GetOrdinal(SearchTotal.Column) : -1;
                while (rows.Read())
                {
                    links.Add(SqliteRows.ReadLink(rows));
                    total = totalColumn >= 0 ? rows.GetInt64(totalColumn) : null;
                }
            }

            total ??= SearchTotal.OfEmptyPage(pageCounts, query)
                ?? (long)Bound(connection.Prepared(count), query, transaction).ExecuteScalar()!;
            transaction.Commit();
            return new LinkPage(links, total.Value);
        }));

    /// <summary>The page's statement and the count's; whether the page's counts every match itself (<see cref="SearchTotal"/>).</summary>
    private static (string Page, string Count, bool PageCounts) StatementsFor(LinkQuery query) => query switch
    {
        { TextHasTrigrams: true, IsNewestFirst: true } => (SqliteStatements.SearchNewestByText, SqliteStatements.CountByText, false),
        { TextHasTrigrams: true } => (SqliteStatements.SearchByText, SqliteStatements.CountByText, true),
        { Text: not null, IsNewestFirst: true } => (SqliteStatements.SearchNewestByShortText, SqliteStatements.CountByShortText, false),
        { Text: not null } => (SqliteStatements.SearchByShortText, SqliteStatements.CountByShortText, true),
        { Tags.Count: > 0 } => (SqliteStatements.SearchByTags, SqliteStatements.CountByTags, true),
        { IsNewestFirst: true } => (SqliteStatements.SearchAllNewest, SqliteStatements.CountAll, false),
        _ => (SqliteStatements.SearchAll, SqliteStatements.CountAll, false),
    };

    /// <summary>Binds what the filters name; a statement that does not name one ignores it.</summary>
    private static SqliteCommand Bound(SqliteCommand command, LinkQuery query, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        command.Bind("@CreatedBy", query.CreatedBy)
            .Bind("@Tags", TagNames.ToJson(query.Tags))
            .Bind("@TagsNeeded", query.Tags.Count == 0 ? 0 : query.AllTags ? query.Tags.Count : 1)
            .Bind("@SeesProtected", query.SeesProtectedLinks);
        if (query.Text is { } text)
        {
            command.Bind("@Match", Phrase(text))
                .Bind("@Pattern", "%" + LikePattern.Escape(text) + "%");
        }

        return command;
    }

    /// <summary>The text as one FTS5 phrase: with the trigram tokenizer, a phrase matches where the text is a substring.</summary>
    private static string Phrase(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
