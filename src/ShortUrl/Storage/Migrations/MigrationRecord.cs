using System.Data.Common;
using Dapper;

namespace ShortUrl.Storage.Migrations;

/// <summary>Both engines' last step of applying a migration, inside the transaction (and lock) each engine opened for it.</summary>
internal static class MigrationRecord
{
    /// <summary>
    /// Runs <paramref name="migration"/> and records it in <paramref name="transaction"/>, at <paramref name="appliedAt"/>
    /// (the time as the engine stores it), unless the history already holds it: then false, and the caller leaves its
    /// transaction uncommitted.
    /// </summary>
    public static async Task<bool> ApplyUnlessRecordedAsync(
        DbConnection connection, DbTransaction transaction, Migration migration, object appliedAt, CancellationToken cancellationToken)
    {
        var applied = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            SharedSql.IsMigrationApplied, new { migration.Version }, transaction, cancellationToken: cancellationToken));
        if (applied > 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            SharedSql.RecordMigration,
            new { migration.Version, migration.Name, migration.Checksum, AppliedAt = appliedAt },
            transaction,
            cancellationToken: cancellationToken));
        return true;
    }
}
