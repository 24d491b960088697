using System.Data.Common;
using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>API keys in PostgreSQL, shared by every instance.</summary>
internal sealed class PostgresApiKeyStore(NpgsqlDataSource dataSource) : IApiKeyStore
{
    private readonly DapperApiKeyReads _reads = new(
        ((DbDataSource)dataSource).OpenConnectionAsync, SharedSql.ListApiKeys, SharedSql.ListApiKeyUses);

    public Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken) => _reads.ListAsync(cancellationToken);

    public Task<IReadOnlyList<ApiKeyUse>> ListUsesAsync(CancellationToken cancellationToken) => _reads.ListUsesAsync(cancellationToken);

    public async Task<bool> AddAsync(StoredApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            SharedSql.InsertApiKey,
            new { key.Name, key.Role, key.KeyHash, CreatedAt = StoredTime.ToMilliseconds(key.CreatedAt) },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> RevokeAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            SharedSql.DeleteApiKey, new { Name = name }, transaction, cancellationToken: cancellationToken)) == 1;
        await connection.ExecuteAsync(new CommandDefinition(
            SharedSql.ForgetApiKeyUse, new { Name = name }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task RecordUsesAsync(IReadOnlyCollection<ApiKeyUse> uses, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var use in uses)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                SharedSql.RecordApiKeyUse,
                new { use.Name, LastUsedAt = StoredTime.ToMilliseconds(use.LastUsedAt) },
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
