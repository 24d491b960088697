namespace ShortUrl.Storage.Sqlite;

/// <summary>The redirect index's load and the redirect's lookup, on the reader connections and on the caller's thread.</summary>
internal sealed class SqliteRedirectSource(SqliteDatabase database) : IRedirectSource
{
    public Task<long> CountLinksAsync(CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(0, static (connection, _) => (long)connection.Prepared(SharedSql.CountLinks).ExecuteScalar()!));

    public Task<IReadOnlyList<PlainLink>> PlainLinksAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((afterId, limit), static (connection, page) =>
        {
            using var rows = connection.Prepared(SqliteStatements.PlainLinksAfter)
                .Bind("@AfterId", page.afterId).Bind("@Limit", page.limit).ExecuteReader();
            var links = new List<PlainLink>(page.limit);
            while (rows.Read())
            {
                links.Add(new PlainLink(rows.GetInt64(0), rows.GetString(1), rows.GetString(2)));
            }

            return (IReadOnlyList<PlainLink>)links;
        }));

    public ValueTask<LinkTarget?> FindTargetAsync(string code, CancellationToken cancellationToken) =>
        ValueTask.FromResult(database.Read(code, static (connection, code) =>
        {
            using var row = connection.Prepared(SqliteStatements.FindTargetByCode).Bind("@Code", code).ExecuteReader();
            return row.Read()
                ? new LinkTarget(
                    row.GetInt64(0),
                    row.GetString(1),
                    row.IsDBNull(2) ? null : StoredTime.Parse(row.GetString(2)),
                    row.IsDBNull(3) ? null : row.GetInt64(3),
                    row.GetBoolean(4))
                {
                    ForwardQuery = row.GetBoolean(5),
                    RedirectRules = row.IsDBNull(6) ? null : row.GetString(6),
                }
                : (LinkTarget?)null;
        }));
}
