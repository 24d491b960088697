using Dapper;

namespace ShortUrl.Storage;

/// <summary>
/// Both engines' health probe: a trivial query on a connection of its own, and <paramref name="writeNothing"/>, a write
/// that changes nothing, wherever the engine's writes go.
/// </summary>
internal sealed class DatabaseProbe(OpenConnection open, Func<CancellationToken, Task> writeNothing) : IDatabaseProbe
{
    /// <summary><paramref name="sql"/>, which writes without changing anything, in a transaction on a connection of its own.</summary>
    public static Func<CancellationToken, Task> OnAConnectionOfItsOwn(OpenConnection open, string sql) => async cancellationToken =>
    {
        await using var connection = await open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    };

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(SharedSql.Ping, cancellationToken: cancellationToken)) == 1;
    }

    public Task WriteNothingAsync(CancellationToken cancellationToken) => writeNothing(cancellationToken);
}
