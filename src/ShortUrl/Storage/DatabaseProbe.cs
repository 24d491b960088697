using Dapper;

namespace ShortUrl.Storage;

/// <summary>
/// Both engines' health probe, on a connection of its own: a trivial query, and <paramref name="writeNothing"/>, the
/// engine's statement that writes without changing anything, in a transaction.
/// </summary>
internal sealed class DatabaseProbe(OpenConnection open, string writeNothing) : IDatabaseProbe
{
    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(SharedSql.Ping, cancellationToken: cancellationToken)) == 1;
    }

    public async Task WriteNothingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(writeNothing, transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
