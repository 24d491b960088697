using Dapper;

namespace ShortUrl.Storage;

/// <summary>
/// Visits across links rather than of one (what the peers' APIs list: every link's visits, a tag's, the totals of an
/// overview), over the same visit log (migration 0010) and click counts.
/// </summary>
internal interface IVisitsAcross
{
    /// <summary>
    /// The visits in [<paramref name="fromMs"/>, <paramref name="toMs"/>) of every link, or of the links carrying
    /// <paramref name="tag"/>, or created by <paramref name="createdBy"/>; newest first, a page at a time, each with its
    /// link's code.
    /// </summary>
    Task<VisitPage> VisitsAsync(string? tag, string? createdBy, long fromMs, long toMs, long offset, int limit, CancellationToken cancellationToken);

    /// <summary>Every click of every link (or of the links <paramref name="createdBy"/> created), and how many of them were bots'.</summary>
    Task<VisitTotals> TotalsAsync(string? createdBy, CancellationToken cancellationToken);
}

/// <summary>Clicks of links together, bots' included, and how many of them were bots' (<see cref="Bots"/>).</summary>
internal sealed class VisitTotals
{
    public long Clicks { get; set; }

    public long Bots { get; set; }
}

/// <summary>A dialect's statements of <see cref="IVisitsAcross"/>.</summary>
internal sealed record VisitsAcrossStatements(string VisitsAcross, string CountVisitsAcross, string VisitTotals);

/// <summary>The visits across links of both engines: the same reads over each engine's connections.</summary>
internal sealed class DapperVisitsAcross(OpenConnection open, VisitsAcrossStatements sql) : IVisitsAcross
{
    public async Task<VisitPage> VisitsAsync(
        string? tag, string? createdBy, long fromMs, long toMs, long offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var query = new { Tag = tag, CreatedBy = createdBy, FromMs = fromMs, ToMs = toMs, Offset = offset, Limit = limit };
        var items = await connection.QueryAsync<LoggedVisit>(new CommandDefinition(sql.VisitsAcross, query, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql.CountVisitsAcross, query, cancellationToken: cancellationToken));
        return new VisitPage(items.ToList(), total);
    }

    public async Task<VisitTotals> TotalsAsync(string? createdBy, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await connection.QuerySingleAsync<VisitTotals>(new CommandDefinition(
            sql.VisitTotals, new { CreatedBy = createdBy }, cancellationToken: cancellationToken));
    }
}
