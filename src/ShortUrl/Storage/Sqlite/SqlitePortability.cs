namespace ShortUrl.Storage.Sqlite;

/// <summary>Export on a connection of its own; import in one transaction on the writer.</summary>
internal sealed class SqlitePortability(SqliteDatabase database) : ILinkPortability
{
    private readonly DapperLinkExport _export = new(database.OpenAsync, SqliteStatements.Export, SqliteStatements.ExportByCreator);

    public IAsyncEnumerable<ExportedLink> ExportAsync(string? createdBy, CancellationToken cancellationToken) =>
        _export.ExportAsync(createdBy, cancellationToken);

    public Task<IReadOnlyList<Link?>> ImportAsync(
        IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, CancellationToken cancellationToken) =>
        database.WriteAsync((links, newCode, createdAt: StoredTime.ToText(createdAt)), static (connection, import) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var insert = connection.Prepared(SqliteStatements.Insert);
            insert.Transaction = transaction;
            // Imported links have no rules: no expiry, no click limit, no password.
            insert.Bind("@CreatedAt", import.createdAt).Bind("@ExpiresAt", null).Bind("@MaxClicks", null).Bind("@PasswordHash", null)
                .Bind("@CreatedBy", null);
            var created = new List<Link?>(import.links.Count);
            foreach (var link in import.links)
            {
                Link? inserted = null;
                foreach (var code in ImportCodes.For(link, import.newCode))
                {
                    using var row = insert.Bind("@Code", code).Bind("@Url", link.Url).ExecuteReader();
                    if (row.Read())
                    {
                        inserted = SqliteRows.ReadLink(row);
                        break;
                    }
                }

                created.Add(inserted);
            }

            transaction.Commit();
            return (IReadOnlyList<Link?>)created;
        }, cancellationToken);
}
