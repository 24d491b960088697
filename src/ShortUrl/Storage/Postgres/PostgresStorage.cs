using System.Data.Common;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>
/// Every store seam over one PostgreSQL database, shared by every instance of the service. Connections come from
/// Npgsql's pool, sized by the connection string (<c>Maximum Pool Size</c>, ...).
/// </summary>
internal static class PostgresStorage
{
    /// <summary>
    /// Statements Npgsql prepares on each connection once they have run a few times (<c>Max Auto Prepare</c>) unless the
    /// connection string says otherwise: the server then parses and plans a create's insert once per connection rather
    /// than once per create, a large part of what a create costs it.
    /// </summary>
    internal const int AutoPreparedStatements = 32;

    /// <exception cref="ArgumentException">The connection string is not one Npgsql understands.</exception>
    public static StorageEngine Open(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(WithDefaults(connectionString));
        PostgresTagArray.Register();
        OpenConnection open = ((DbDataSource)dataSource).OpenConnectionAsync;
        var inserts = new PostgresLinkInserts(dataSource);
        return new StorageEngine(
            new PostgresLinkStore(dataSource, inserts),
            new PostgresRedirectSource(dataSource),
            new PostgresClickSink(dataSource),
            new DapperStatsQueries(open),
            new PostgresPortability(dataSource),
            new PostgresMigrationHistory(dataSource),
            new DatabaseProbe(open, DatabaseProbe.OnAConnectionOfItsOwn(open, PostgresStatements.WriteNothing)),
            new PostgresLinkChanges(dataSource),
            new PostgresApiKeyStore(dataSource),
            // The inserts first: they write what is queued before the connections go.
            inserts,
            dataSource)
        {
            Labels = new PostgresLabelStore(dataSource),
            Search = new PostgresLinkSearch(dataSource),
            SearchBacklog = new NoSearchBacklog(),
            VisitsAcross = new DapperVisitsAcross(
                open, new VisitsAcrossStatements(PostgresStatements.VisitsAcross, PostgresStatements.CountVisitsAcross, PostgresStatements.VisitTotals)),
            VisitLog = new DapperVisitLog(
                open,
                new VisitLogStatements(
                    PostgresStatements.LinkVisits, SharedSql.CountLinkVisits, SharedSql.DeleteLinkVisits,
                    SharedSql.CountryVisits, PostgresStatements.OrphanVisits, PostgresStatements.CountOrphanVisits,
                    SharedSql.OrphanCounts, SharedSql.PruneVisitLog, SharedSql.PruneOrphanVisits),
                async (sql, parameters, cancellationToken) =>
                {
                    await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                    return await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
                }),
        };
    }

    /// <summary>The connection string with the service's defaults for what it leaves unsaid (<see cref="AutoPreparedStatements"/>).</summary>
    /// <exception cref="ArgumentException">The connection string is not one Npgsql understands.</exception>
    internal static string WithDefaults(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql takes a keyword in any case, with or without its spaces.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(keyword => string.Equals(keyword.Replace(" ", ""), nameof(settings.MaxAutoPrepare), StringComparison.OrdinalIgnoreCase));
        if (!given)
        {
            settings.MaxAutoPrepare = AutoPreparedStatements;
        }

        return settings.ConnectionString;
    }
}
