using Dapper;
using ShortUrl.Storage.Migrations;

namespace ShortUrl.Storage.Sqlite;

/// <summary>The migration history in the SQLite file, each migration applied under the database's write lock.</summary>
internal sealed class SqliteMigrationHistory(SqliteDatabase database) : IMigrationHistory
{
    public string? MissingDatabase => File.Exists(database.DatabasePath) ? null : database.DatabasePath;

    public async Task<IReadOnlyList<AppliedMigration>> ReadMigrationHistoryAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(database.DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        // WAL lets redirects read while a create writes; the setting is stored in the file, so once is enough.
        await connection.ExecuteAsync(new CommandDefinition(SqliteStatements.EnableWal, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(SqliteStatements.CreateMigrationHistory, cancellationToken: cancellationToken));
        var history = await connection.QueryAsync<AppliedMigration>(new CommandDefinition(
            SharedSql.ReadMigrationHistory, cancellationToken: cancellationToken));
        return history.ToList();
    }

    public async Task<bool> ApplyMigrationAsync(Migration migration, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenSqliteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SqliteStatements.WaitForAnotherProcessesMigration, cancellationToken: cancellationToken));
        // BEGIN IMMEDIATE: take the write lock before looking, so two processes starting together queue up here and
        // the second one sees the first one's record.
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (!await MigrationRecord.ApplyUnlessRecordedAsync(connection, transaction, migration, StoredTime.ToText(DateTime.UtcNow), cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
