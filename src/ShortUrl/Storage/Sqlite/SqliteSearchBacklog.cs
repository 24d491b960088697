namespace ShortUrl.Storage.Sqlite;

/// <summary>The links marked <c>index_later</c> (migration 0012) into the trigram index, a batch per write.</summary>
internal sealed class SqliteSearchBacklog(SqliteDatabase database) : ISearchBacklog
{
    public Task<int> IndexAsync(int limit, CancellationToken cancellationToken) =>
        database.WriteAsync(limit, static (connection, limit) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var index = connection.Prepared(SqliteStatements.IndexMarkedLinks).Bind("@Limit", limit);
            index.Transaction = transaction;
            index.ExecuteNonQuery();
            var unmark = connection.Prepared(SqliteStatements.UnmarkIndexedLinks).Bind("@Limit", limit);
            unmark.Transaction = transaction;
            var indexed = unmark.ExecuteNonQuery();
            transaction.Commit();
            return indexed;
        }, cancellationToken);
}
