using Dapper;
using Npgsql;

namespace ShortUrl.Storage.Postgres;

/// <summary>Hears, with LISTEN, the NOTIFY that <see cref="PostgresLinkStore"/> sends with every edit and delete.</summary>
internal sealed class PostgresLinkChanges(NpgsqlDataSource dataSource) : ILinkChanges
{
    public bool AreShared => true;

    public async Task ListenAsync(Action<string> changed, Action listening, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, notification) => changed(notification.Payload);
        await connection.ExecuteAsync(new CommandDefinition(PostgresStatements.ListenForLinkChanges, cancellationToken: cancellationToken));
        listening();
        while (true)
        {
            await connection.WaitAsync(cancellationToken);
        }
    }
}
