using System.Data;
using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>The search over PostgreSQL: the page and the count in one repeatable-read transaction, so the total is that of the links paged.</summary>
internal sealed class PostgresLinkSearch(NpgsqlDataSource dataSource) : ILinkSearch
{
    public async Task<LinkPage> SearchAsync(LinkQuery query, CancellationToken cancellationToken)
    {
        var (page, count) = query switch
        {
            { Text: not null } => (PostgresStatements.SearchByText, PostgresStatements.CountByText),
            { Tags.Count: > 0 } => (PostgresStatements.SearchByTags, PostgresStatements.CountByTags),
            { Sort: LinkSorts.Newest } => (PostgresStatements.SearchAllNewest, PostgresStatements.CountAll),
            _ => (PostgresStatements.SearchAll, PostgresStatements.CountAll),
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
        var links = await connection.QueryAsync<Link>(new CommandDefinition(page, parameters, transaction, cancellationToken: cancellationToken));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new LinkPage(links.AsList(), total);
    }
}
