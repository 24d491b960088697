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
        await transaction.CommitAsync(cancellationToken);
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
