using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>The click writer's batches in PostgreSQL: two statements in one transaction, straight into the links' counts.</summary>
internal sealed class PostgresClickSink(NpgsqlDataSource dataSource) : IClickSink
{
    public async Task AddClicksAsync(ClickBatch batch, CancellationToken cancellationToken)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        // Sorted, so two instances updating the same rows lock them in the same order and never deadlock.
        var visits = batch.Visits
            .SelectMany(visits => Rows(visits.Links).Select(row => (row.LinkId, visits.Kind, row.Count)))
            .OrderBy(v => v.LinkId).ThenBy(v => v.Kind.Minute).ThenBy(v => v.Kind.Referrer, StringComparer.Ordinal)
            .ThenBy(v => v.Kind.Browser, StringComparer.Ordinal).ThenBy(v => v.Kind.Os, StringComparer.Ordinal).ThenBy(v => v.Kind.Bot)
            .ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            PostgresStatements.AddClicks,
            new { Ids = batch.Clicks.LinkIds.ToArray(), Counts = batch.Clicks.Counts.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            PostgresStatements.AddVisits,
            new
            {
                UrlIds = visits.Select(v => v.LinkId).ToArray(),
                Minutes = visits.Select(v => v.Kind.Minute).ToArray(),
                Referrers = visits.Select(v => v.Kind.Referrer).ToArray(),
                Browsers = visits.Select(v => v.Kind.Browser).ToArray(),
                Oses = visits.Select(v => v.Kind.Os).ToArray(),
                Bots = visits.Select(v => (short)(v.Kind.Bot ? 1 : 0)).ToArray(),
                VisitCounts = visits.Select(v => v.Count).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));
        await AddRowsAsync(connection, transaction, batch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Each visit's row and each orphan visit, a statement for each table.</summary>
    private static async Task AddRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ClickBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Rows is { Count: > 0 } rows)
        {
            var parameters = VisitorArrays(rows, r => (r.VisitedAt, r.Referrer, r.Browser, r.Os, r.Bot, r.Country));
            parameters.Add("UrlIds", rows.Select(r => r.LinkId).ToArray());
            await connection.ExecuteAsync(new CommandDefinition(PostgresStatements.AddVisitRows, parameters, transaction, cancellationToken: cancellationToken));
        }

        if (batch.Orphans is { Count: > 0 } orphans)
        {
            var parameters = VisitorArrays(orphans, o => (o.VisitedAt, o.Referrer, o.Browser, o.Os, o.Bot, o.Country));
            parameters.Add("Kinds", orphans.Select(o => OrphanKinds.Name(o.Kind)).ToArray());
            parameters.Add("Paths", orphans.Select(o => o.Path).ToArray());
            await connection.ExecuteAsync(new CommandDefinition(PostgresStatements.AddOrphanVisits, parameters, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>What a visit's row and an orphan visit both hold, each column as the array its statement unnests.</summary>
    private static DynamicParameters VisitorArrays<T>(
        IReadOnlyList<T> rows, Func<T, (long VisitedAt, string Referrer, string Browser, string Os, bool Bot, string? Country)> visitorOf)
    {
        var visitors = rows.Select(visitorOf).ToArray();
        var parameters = new DynamicParameters();
        parameters.Add("VisitedAts", visitors.Select(v => v.VisitedAt).ToArray());
        parameters.Add("Referrers", visitors.Select(v => v.Referrer).ToArray());
        parameters.Add("Browsers", visitors.Select(v => v.Browser).ToArray());
        parameters.Add("Oses", visitors.Select(v => v.Os).ToArray());
        parameters.Add("Bots", visitors.Select(v => (short)(v.Bot ? 1 : 0)).ToArray());
        parameters.Add("Countries", visitors.Select(v => v.Country).ToArray());
        return parameters;
    }

    /// <summary>Nothing to fold: PostgreSQL adds clicks to the links' own counts.</summary>
    public Task<long?> FoldClicksAsync(long afterId, int maxLinks, CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    private static IEnumerable<(long LinkId, long Count)> Rows(LinkCounts links)
    {
        for (var i = 0; i < links.Length; i++)
        {
            yield return (links.LinkIds.Span[i], links.Counts.Span[i]);
        }
    }
}
