namespace ShortUrl.Storage.Sqlite;

/// <summary>Export on a connection of its own; import in one transaction on the writer.</summary>
internal sealed class SqlitePortability(SqliteDatabase database) : ILinkPortability
{
    private readonly DapperLinkExport _export = new(database.OpenAsync, SqliteStatements.Export, SqliteStatements.ExportByCreator);

    public IAsyncEnumerable<ExportedLink> ExportAsync(string? createdBy, CancellationToken cancellationToken) =>
        _export.ExportAsync(createdBy, cancellationToken);

    public Task<IReadOnlyList<Link?>> ImportAsync(
        IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, string? createdBy, CancellationToken cancellationToken) =>
        database.WriteAsync((links, newCode, createdAt: StoredTime.ToText(createdAt), createdBy), static (connection, import) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var insert = connection.Prepared(SqliteStatements.Insert);
            insert.Transaction = transaction;
            insert.Bind("@CreatedAt", import.createdAt).Bind("@CreatedBy", import.createdBy);
            var created = new List<Link?>(import.links.Count);
            foreach (var link in import.links)
            {
                insert.Bind("@Url", link.Url).Bind("@ExpiresAt", StoredTime.ToText(link.Rules.ExpiresAt))
                    .Bind("@MaxClicks", link.Rules.MaxClicks).Bind("@PasswordHash", link.Rules.PasswordHash)
                    .Bind("@Title", link.Labels?.Title)
                    .Bind("@ForwardQuery", link.Rules.ForwardQuery).Bind("@RedirectRules", link.Rules.RedirectRules);
                Link? inserted = null;
                foreach (var code in ImportCodes.For(link, import.newCode))
                {
                    using var row = insert.Bind("@Code", code).ExecuteReader();
                    if (row.Read())
                    {
                        inserted = SqliteRows.ReadLink(row);
                        break;
                    }
                }

                if (inserted is not null && link.Labels is { Tags.Count: > 0 } labels)
                {
                    SqliteLinkTags.Write(connection, transaction, inserted.Id, labels.Tags, replace: false);
                    inserted = inserted with { Tags = [.. labels.Tags] };
                }

                created.Add(inserted);
            }

            // A failure before here leaves the transaction to its disposal, which rolls every row back.
            transaction.Commit();
            return (IReadOnlyList<Link?>)created;
        }, cancellationToken);
}
