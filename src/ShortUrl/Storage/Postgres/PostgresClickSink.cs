using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace ShortUrl.Storage.Postgres;

/// <summary>
/// The click writer's batches in PostgreSQL, in one transaction: the clicks straight into the links' counts, the visits
/// by kind into their counts, and each visit's row copied in.
/// </summary>
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
        await AddRowsAsync(connection, batch, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Each visit's row and each orphan visit, a copy into each table.</summary>
    private static async Task AddRowsAsync(NpgsqlConnection connection, ClickBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Rows is { Count: > 0 } rows)
        {
            await using var copy = await connection.BeginBinaryImportAsync(PostgresStatements.CopyVisitRows, cancellationToken);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(row.LinkId, NpgsqlDbType.Bigint, cancellationToken);
                await WriteVisitorAsync(copy, row.VisitedAt, row.Referrer, row.Browser, row.Os, row.Bot, row.Country, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        if (batch.Orphans is { Count: > 0 } orphans)
        {
            await using var copy = await connection.BeginBinaryImportAsync(PostgresStatements.CopyOrphanVisits, cancellationToken);
            foreach (var orphan in orphans)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(OrphanKinds.Name(orphan.Kind), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(orphan.Path, NpgsqlDbType.Text, cancellationToken);
                await WriteVisitorAsync(copy, orphan.VisitedAt, orphan.Referrer, orphan.Browser, orphan.Os, orphan.Bot, orphan.Country, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>What a visit's row and an orphan visit both hold, in the columns both tables end with.</summary>
    private static async Task WriteVisitorAsync(
        NpgsqlBinaryImporter copy, long visitedAt, string referrer, string browser, string os, bool bot, string? country,
        CancellationToken cancellationToken)
    {
        await copy.WriteAsync(visitedAt, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(referrer, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(browser, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(os, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync((short)(bot ? 1 : 0), NpgsqlDbType.Smallint, cancellationToken);
        await copy.WriteAsync(country, NpgsqlDbType.Text, cancellationToken);
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
