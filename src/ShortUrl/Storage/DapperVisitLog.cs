using Dapper;

namespace ShortUrl.Storage;

/// <summary>A dialect's statements of the visit log (migration 0010).</summary>
internal sealed record VisitLogStatements(
    string LinkVisits,
    string CountLinkVisits,
    string DeleteLinkVisits,
    string CountryVisits,
    string OrphanVisits,
    string CountOrphanVisits,
    string OrphanCounts,
    string PruneVisitLog,
    string PruneOrphanVisits);

/// <summary>Runs one write statement where the engine runs its writes (SQLite: on its one writer); returns the rows changed.</summary>
internal delegate Task<int> VisitLogWrite(string sql, object parameters, CancellationToken cancellationToken);

/// <summary>The visit log of both engines: the same reads over each engine's connections, writes where each engine writes.</summary>
internal sealed class DapperVisitLog(OpenConnection open, VisitLogStatements sql, VisitLogWrite write) : IVisitLog
{
    public async Task<VisitPage> VisitsAsync(long linkId, long fromMs, long toMs, long offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var range = new { UrlId = linkId, FromMs = fromMs, ToMs = toMs, Offset = offset, Limit = limit };
        var items = await connection.QueryAsync<LoggedVisit>(new CommandDefinition(sql.LinkVisits, range, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql.CountLinkVisits, range, cancellationToken: cancellationToken));
        return new VisitPage(items.ToList(), total);
    }

    public async Task<long> DeleteVisitsAsync(long linkId, CancellationToken cancellationToken) =>
        await write(sql.DeleteLinkVisits, new { UrlId = linkId }, cancellationToken);

    public async Task<IReadOnlyList<CountryVisits>> CountriesAsync(long linkId, long fromMs, long toMs, int top, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var rows = await connection.QueryAsync<CountryVisits>(new CommandDefinition(
            sql.CountryVisits, new { UrlId = linkId, FromMs = fromMs, ToMs = toMs, Limit = top }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<VisitPage> OrphansAsync(string? kind, long offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var query = new { Kind = kind, Offset = offset, Limit = limit };
        var items = await connection.QueryAsync<LoggedVisit>(new CommandDefinition(sql.OrphanVisits, query, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql.CountOrphanVisits, query, cancellationToken: cancellationToken));
        return new VisitPage(items.ToList(), total);
    }

    public async Task<IReadOnlyList<OrphanCount>> OrphanCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var rows = await connection.QueryAsync<OrphanCount>(new CommandDefinition(sql.OrphanCounts, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<long> PruneAsync(long beforeMs, int limit, CancellationToken cancellationToken)
    {
        var parameters = new { BeforeMs = beforeMs, Limit = limit };
        return await write(sql.PruneVisitLog, parameters, cancellationToken) + await write(sql.PruneOrphanVisits, parameters, cancellationToken);
    }
}
