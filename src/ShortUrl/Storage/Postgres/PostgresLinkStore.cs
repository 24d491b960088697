using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>Links in PostgreSQL: creates through the group commit. Every edit and delete sends NOTIFY in its own transaction, so every instance hears of it.</summary>
internal sealed class PostgresLinkStore(NpgsqlDataSource dataSource, PostgresLinkInserts inserts) : ILinkStore
{
    /// <summary>Through the group commit (<see cref="PostgresLinkInserts"/>).</summary>
    public Task<Link?> TryCreateAsync(
        string code, string url, DateTime createdAt, LinkRules rules, string? createdBy, LinkLabels labels, CancellationToken cancellationToken) =>
        inserts.InsertAsync(code, url, createdAt, rules, createdBy, labels);

    public async Task<Link?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(
            PostgresStatements.FindByCode, new { Code = code }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var links = await connection.QueryAsync<Link>(new CommandDefinition(
            PostgresStatements.Recent, new { Limit = limit }, cancellationToken: cancellationToken));
        return links.AsList();
    }

    public async Task<IReadOnlyList<Link>> RecentByCreatorAsync(string createdBy, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var links = await connection.QueryAsync<Link>(new CommandDefinition(
            PostgresStatements.RecentByCreator, new { CreatedBy = createdBy, Limit = limit }, cancellationToken: cancellationToken));
        return links.AsList();
    }

    public async Task<Link?> UpdateAsync(string code, LinkChanges changes, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var link = await connection.QuerySingleOrDefaultAsync<Link>(new CommandDefinition(
            PostgresStatements.Update,
            new
            {
                Code = code,
                ChangeUrl = changes.Url.IsChanged,
                Url = changes.Url.Value,
                ChangeExpiresAt = changes.ExpiresAt.IsChanged,
                ExpiresAt = StoredTime.ToMilliseconds(changes.ExpiresAt.Value),
                ChangeMaxClicks = changes.MaxClicks.IsChanged,
                MaxClicks = changes.MaxClicks.Value,
                ChangePasswordHash = changes.PasswordHash.IsChanged,
                PasswordHash = changes.PasswordHash.Value,
                ChangeTitle = changes.Title.IsChanged,
                Title = changes.Title.Value,
                ChangeForwardQuery = changes.ForwardQuery.IsChanged,
                ForwardQuery = changes.ForwardQuery.Value,
                ChangeRedirectRules = changes.RedirectRules.IsChanged,
                RedirectRules = changes.RedirectRules.Value,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (link is not null && changes.Tags is { IsChanged: true, Value: { } tags })
        {
            await PostgresLinkTags.WriteAsync(connection, transaction, link.Id, tags, replace: true, cancellationToken);
            link = link with { Tags = [.. tags] };
        }

        if (link is not null)
        {
            await NotifyLinkChangedAsync(connection, transaction, code, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return link;
    }

    public async Task<bool> DeleteAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            SharedSql.Delete, new { DeletedCode = code }, transaction, cancellationToken: cancellationToken)) > 0;
        if (deleted)
        {
            await NotifyLinkChangedAsync(connection, transaction, code, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<bool> TryCountLimitedClickAsync(long linkId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            PostgresStatements.CountLimitedClick, new { Id = linkId }, cancellationToken: cancellationToken)) > 0;
    }

    private static Task NotifyLinkChangedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string code, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            PostgresStatements.NotifyLinkChanged, new { Code = code }, transaction, cancellationToken: cancellationToken));
}
