namespace ShortUrl.Storage.Sqlite;

/// <summary>Every store seam over one SQLite file.</summary>
internal static class SqliteStorage
{
    /// <exception cref="ArgumentException">The connection string is not one Microsoft.Data.Sqlite understands.</exception>
    public static StorageEngine Open(string connectionString, string contentRoot)
    {
        var database = new SqliteDatabase(connectionString, contentRoot);
        var inserts = new SqliteLinkInserts(database);
        return new StorageEngine(
            new SqliteLinkStore(database, inserts),
            new SqliteRedirectSource(database),
            new SqliteClickSink(database),
            new DapperStatsQueries(database.OpenAsync),
            new SqlitePortability(database),
            new SqliteMigrationHistory(database),
            // On the writer, behind this process's other writes: only another process's lock can keep it waiting.
            new DatabaseProbe(database.OpenAsync, cancellationToken => database.WriteAsync(0, static (connection, _) =>
            {
                using var transaction = connection.Connection.BeginTransaction();
                var write = connection.Prepared(SqliteStatements.WriteNothing);
                write.Transaction = transaction;
                write.ExecuteNonQuery();
                transaction.Commit();
                return 0;
            }, cancellationToken)),
            new SqliteLinkChanges(),
            new SqliteApiKeyStore(database),
            // The inserts first: they write what is queued on the database's writer.
            inserts,
            database)
        {
            Labels = new SqliteLabelStore(database),
            Search = new SqliteLinkSearch(database),
            SearchBacklog = new SqliteSearchBacklog(database),
            VisitsAcross = new DapperVisitsAcross(
                database.OpenAsync,
                new VisitsAcrossStatements(SqliteStatements.VisitsAcross, SqliteStatements.CountVisitsAcross, SqliteStatements.VisitTotals)),
            VisitLog = new DapperVisitLog(
                database.OpenAsync,
                new VisitLogStatements(
                    SqliteStatements.LinkVisits, SharedSql.CountLinkVisits, SharedSql.DeleteLinkVisits,
                    SharedSql.CountryVisits, SqliteStatements.OrphanVisits, SqliteStatements.CountOrphanVisits,
                    SharedSql.OrphanCounts, SharedSql.PruneVisitLog, SharedSql.PruneOrphanVisits),
                (sql, parameters, cancellationToken) => database.WriteAsync(
                    (sql, parameters), static (connection, write) => Dapper.SqlMapper.Execute(connection.Connection, write.sql, write.parameters),
                    cancellationToken)),
        };
    }

    /// <summary>One process owns the file, so its edits reach its own cache directly: nothing to hear.</summary>
    private sealed class SqliteLinkChanges : ILinkChanges
    {
        public bool AreShared => false;

        public Task ListenAsync(Action<string> changed, Action listening, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
