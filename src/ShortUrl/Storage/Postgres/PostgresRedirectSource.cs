using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>The redirect index's load and the redirect's lookup, on Npgsql's pool.</summary>
internal sealed class PostgresRedirectSource(NpgsqlDataSource dataSource) : IRedirectSource
{
    public async Task<long> CountLinksAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(SharedSql.CountLinks, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<PlainLink>> PlainLinksAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var links = await connection.QueryAsync<PlainLink>(new CommandDefinition(
            PostgresStatements.PlainLinksAfter, new { AfterId = afterId, Limit = limit }, cancellationToken: cancellationToken));
        return links.AsList();
    }

    public async ValueTask<LinkTarget?> FindTargetAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition(
            PostgresStatements.FindTargetByCode, new { Code = code }, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new LinkTarget(row.Id, row.Url, row.ExpiresAt, row.MaxClicks, row.HasPassword)
            {
                ForwardQuery = row.ForwardQuery,
                RedirectRules = row.RedirectRules,
            };
    }

    private sealed record TargetRow(long Id, string Url, DateTime? ExpiresAt, long? MaxClicks, bool HasPassword, bool ForwardQuery, string? RedirectRules);
}
