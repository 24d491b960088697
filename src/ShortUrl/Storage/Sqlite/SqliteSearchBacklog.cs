namespace ShortUrl.Storage.Sqlite;

/// <summary>The links marked <c>index_later</c> (migration 0012) into the trigram index, a batch per write.</summary>
internal sealed class SqliteSearchBacklog(SqliteDatabase database) : ISearchBacklog
{
    private long _writesSeen;

    public async Task<SearchBatch> IndexAsync(int limit, CancellationToken cancellationToken)
    {
        var indexed = await IndexMarkedAsync(limit, cancellationToken);
        // This batch's own write is one of them.
        var writes = database.WritesStarted;
        var contended = writes - _writesSeen > 1;
        _writesSeen = writes;
        return new SearchBatch(indexed, contended);
    }

    private Task<int> IndexMarkedAsync(int limit, CancellationToken cancellationToken) =>
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
