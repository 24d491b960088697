namespace ShortUrl.Storage.Sqlite;

/// <summary>API keys in SQLite: reads on a connection of their own, writes on the writer.</summary>
internal sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    private readonly DapperApiKeyReads _reads = new(database.OpenAsync, SharedSql.ListApiKeys, SharedSql.ListApiKeyUses);

    public Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken) => _reads.ListAsync(cancellationToken);

    public Task<IReadOnlyList<ApiKeyUse>> ListUsesAsync(CancellationToken cancellationToken) => _reads.ListUsesAsync(cancellationToken);

    public Task<bool> AddAsync(StoredApiKey key, CancellationToken cancellationToken) =>
        database.WriteAsync(key, static (connection, key) => connection.Prepared(SharedSql.InsertApiKey)
            .Bind("@Name", key.Name).Bind("@Role", key.Role).Bind("@KeyHash", key.KeyHash).Bind("@CreatedAt", StoredTime.ToText(key.CreatedAt))
            .ExecuteNonQuery() == 1, cancellationToken);

    public Task<bool> RevokeAsync(string name, CancellationToken cancellationToken) =>
        database.WriteAsync(name, static (connection, name) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var delete = connection.Prepared(SharedSql.DeleteApiKey);
            delete.Transaction = transaction;
            var deleted = delete.Bind("@Name", name).ExecuteNonQuery() == 1;
            var forget = connection.Prepared(SharedSql.ForgetApiKeyUse);
            forget.Transaction = transaction;
            forget.Bind("@Name", name).ExecuteNonQuery();
            transaction.Commit();
            return deleted;
        }, cancellationToken);

    public Task RecordUsesAsync(IReadOnlyCollection<ApiKeyUse> uses, CancellationToken cancellationToken) =>
        database.WriteAsync(uses, static (connection, uses) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var record = connection.Prepared(SharedSql.RecordApiKeyUse);
            record.Transaction = transaction;
            foreach (var use in uses)
            {
                record.Bind("@Name", use.Name).Bind("@LastUsedAt", StoredTime.ToText(use.LastUsedAt)).ExecuteNonQuery();
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
}
