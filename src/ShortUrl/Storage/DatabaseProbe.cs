using Dapper;

namespace ShortUrl.Storage;

/// <summary>Both engines' health probe: a trivial query on a connection of its own.</summary>
internal sealed class DatabaseProbe(OpenConnection open) : IDatabaseProbe
{
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(SharedSql.Ping, cancellationToken: cancellationToken)) == 1;
    }
}
