namespace ShortUrl.Storage.Sqlite;

/// <summary>Links in SQLite: creates through the group commit, edits and deletes on the writer, reads on the readers.</summary>
internal sealed class SqliteLinkStore(SqliteDatabase database, SqliteLinkInserts inserts) : ILinkStore
{
    public Task<Link?> TryCreateAsync(
        string code, string url, DateTime createdAt, LinkRules rules, string? createdBy, LinkLabels labels, CancellationToken cancellationToken) =>
        inserts.InsertAsync(code, url, createdAt, rules, createdBy, labels);

    public Task<Link?> FindAsync(string code, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(code, static (connection, code) =>
        {
            using var row = connection.Prepared(SqliteStatements.FindByCode).Bind("@Code", code).ExecuteReader();
            return row.Read() ? SqliteRows.ReadLink(row) : null;
        }));

    public Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(limit, static (connection, limit) =>
            ReadLinks(connection.Prepared(SqliteStatements.Recent).Bind("@Limit", limit), limit)));

    public Task<IReadOnlyList<Link>> RecentByCreatorAsync(string createdBy, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read((createdBy, limit), static (connection, query) =>
            ReadLinks(connection.Prepared(SqliteStatements.RecentByCreator).Bind("@CreatedBy", query.createdBy).Bind("@Limit", query.limit), query.limit)));

    public Task<Link?> UpdateAsync(string code, LinkChanges changes, CancellationToken cancellationToken) =>
        database.WriteAsync((code, changes), static (connection, edit) =>
        {
            var (code, changes) = edit;
            using var transaction = connection.Connection.BeginTransaction();
            var update = connection.Prepared(SqliteStatements.Update);
            update.Transaction = transaction;
            update.Bind("@ChangeUrl", changes.Url.IsChanged).Bind("@Url", changes.Url.Value)
                .Bind("@ChangeExpiresAt", changes.ExpiresAt.IsChanged).Bind("@ExpiresAt", StoredTime.ToText(changes.ExpiresAt.Value))
                .Bind("@ChangeMaxClicks", changes.MaxClicks.IsChanged).Bind("@MaxClicks", changes.MaxClicks.Value)
                .Bind("@ChangePasswordHash", changes.PasswordHash.IsChanged).Bind("@PasswordHash", changes.PasswordHash.Value)
                .Bind("@ChangeTitle", changes.Title.IsChanged).Bind("@Title", changes.Title.Value)
                .Bind("@ChangeForwardQuery", changes.ForwardQuery.IsChanged).Bind("@ForwardQuery", changes.ForwardQuery.Value)
                .Bind("@ChangeRedirectRules", changes.RedirectRules.IsChanged).Bind("@RedirectRules", changes.RedirectRules.Value)
                .Bind("@Code", code);
            Link? link;
            using (var row = update.ExecuteReader())
            {
                link = row.Read() ? SqliteRows.ReadLink(row) : null;
            }

            if (link is not null && changes.Tags is { IsChanged: true, Value: { } tags })
            {
                SqliteLinkTags.Write(connection, transaction, link.Id, tags, replace: true);
                link = link with { Tags = [.. tags] };
            }

            transaction.Commit();
            return link;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string code, CancellationToken cancellationToken) =>
        WriteOneAsync(SharedSql.Delete, "@DeletedCode", code, cancellationToken);

    public Task<bool> TryCountLimitedClickAsync(long linkId, CancellationToken cancellationToken) =>
        WriteOneAsync(SqliteStatements.CountLimitedClick, "@Id", linkId, cancellationToken);

    private static IReadOnlyList<Link> ReadLinks(Microsoft.Data.Sqlite.SqliteCommand query, int limit)
    {
        using var rows = query.ExecuteReader();
        var links = new List<Link>(Math.Min(limit, 128));
        while (rows.Read())
        {
            links.Add(SqliteRows.ReadLink(rows));
        }

        return links;
    }

    /// <summary>Runs a statement of one parameter on the writer; true when it changed a row.</summary>
    private Task<bool> WriteOneAsync(string sql, string parameterName, object value, CancellationToken cancellationToken) =>
        database.WriteAsync((sql, parameterName, value), static (connection, statement) =>
            connection.Prepared(statement.sql).Bind(statement.parameterName, statement.value).ExecuteNonQuery() > 0,
            cancellationToken);
}
