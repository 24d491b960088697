using Dapper;

namespace ShortUrl.Storage;

/// <summary>The stats queries of both engines: the same statements, over each engine's connections.</summary>
internal sealed class DapperStatsQueries(OpenConnection open) : IStatsQueries
{
    public async Task<IReadOnlyList<DailyClicks>> ClicksByDayAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var rows = await connection.QueryAsync<DailyClicksRow>(new CommandDefinition(
            SharedSql.ClicksByDay, new { UrlId = linkId, FromMinute = fromMinute, ToMinute = toMinute }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToDailyClicks()).ToList();
    }

    public async Task<IReadOnlyList<VisitorClicks>> ClicksByVisitorAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        var rows = await connection.QueryAsync<VisitorClicksRow>(new CommandDefinition(
            SharedSql.ClicksByVisitor, new { UrlId = linkId, FromMinute = fromMinute, ToMinute = toMinute }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToVisitorClicks()).ToList();
    }

    public async Task<long> BotClicksAsync(long linkId, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            SharedSql.BotClicks, new { UrlId = linkId }, cancellationToken: cancellationToken));
    }
}
