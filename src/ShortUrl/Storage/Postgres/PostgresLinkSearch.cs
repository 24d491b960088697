using System.Data;
using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>The search over PostgreSQL: the page and the count in one repeatable-read transaction, so the total is that of the links paged.</summary>
internal sealed class PostgresLinkSearch(NpgsqlDataSource dataSource) : ILinkSearch
{
    public async Task<LinkPage> SearchAsync(LinkQuery query, CancellationToken cancellationToken)
    {
        var (page, count, pageCounts) = query switch
        {
            { TextHasTrigrams: true, IsNewestFirst: true } => (PostgresStatements.SearchNewestByText, PostgresStatements.CountByText, true),
            { Text: not null, IsNewestFirst: true, Tags.Count: 0 } =>
                (PostgresStatements.SearchNewestByShortText, PostgresStatements.CountByShortText, false),
            { Text: not null } => (PostgresStatements.SearchByText, PostgresStatements.CountByText, true),
            { Tags.Count: > 0 } => (PostgresStatements.SearchByTags, PostgresStatements.CountByTags, true),
            { IsNewestFirst: true } => (PostgresStatements.SearchAllNewest, PostgresStatements.CountAll, false),
            _ => (PostgresStatements.SearchAll, PostgresStatements.CountAll, false),
        };
        var parameters = new
        {
            query.CreatedBy,
            Tags = query.Tags.ToArray(),
            TagsNeeded = query.Tags.Count == 0 ? 0 : query.AllTags ? query.Tags.Count : 1,
            SeesProtected = query.SeesProtectedLinks,
            Pattern = query.Text is null ? null : "%" + LikePattern.Escape(query.Text) + "%",
            query.Sort,
            query.Limit,
            query.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var command = new CommandDefinition(page, parameters, transaction, cancellationToken: cancellationToken);
        long? total = null;
        var links = pageCounts
            ? (await connection.QueryAsync<Link, long, Link>(
                command, (link, matches) => { total = matches; return link; }, splitOn: SearchTotal.Column)).AsList()
            : (await connection.QueryAsync<Link>(command)).AsList();
        total ??= SearchTotal.OfEmptyPage(pageCounts, query)
            ?? await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new LinkPage(links, total.Value);
    }
}
