using Dapper;
using Npgsql;
using ShortUrl.Storage.Migrations;

namespace ShortUrl.Storage.Postgres;

/// <summary>The migration history in PostgreSQL, each migration applied under an advisory lock that instances share.</summary>
internal sealed class PostgresMigrationHistory(NpgsqlDataSource dataSource) : IMigrationHistory
{
    public string? MissingDatabase => null;

    public async Task<IReadOnlyList<AppliedMigration>> ReadMigrationHistoryAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Under the lock: two instances running CREATE TABLE IF NOT EXISTS at the same moment can both decide to create.
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                PostgresStatements.LockMigrations, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                PostgresStatements.CreateMigrationHistory, transaction: transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        var history = await connection.QueryAsync<HistoryRow>(new CommandDefinition(
            SharedSql.ReadMigrationHistory, cancellationToken: cancellationToken));
        return history.Select(h => h.ToAppliedMigration()).ToList();
    }

    public async Task<bool> ApplyMigrationAsync(Migration migration, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Lock, then look: instances starting together queue up here and the later ones see the first one's record.
        // PostgreSQL's DDL is transactional, so a failing migration leaves nothing behind.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            PostgresStatements.LockMigrations, transaction: transaction, cancellationToken: cancellationToken));
        if (!await MigrationRecord.ApplyUnlessRecordedAsync(connection, transaction, migration, DateTime.UtcNow, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed record HistoryRow(long Version, string Name, string Checksum, DateTime AppliedAt)
    {
        public AppliedMigration ToAppliedMigration() => new(Version, Name, Checksum, StoredTime.ToText(AppliedAt));
    }
}
