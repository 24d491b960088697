using ShortUrl.Storage.Migrations;
namespace ShortUrl.Storage;

/// <summary>The schema's history, as the migration runner reads and extends it.</summary>
internal interface IMigrationHistory
{
    /// <summary>
    /// Where the configuration points at a database that does not exist yet (a SQLite file not made), or null. A
    /// server's database exists or cannot be connected to.
    /// </summary>
    string? MissingDatabase { get; }

    /// <summary>Creates the migration history if missing and returns what it records, in version order.</summary>
    Task<IReadOnlyList<AppliedMigration>> ReadMigrationHistoryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies one migration and records it, in one transaction, unless another process applied it first
    /// (then returns false).
    /// </summary>
    Task<bool> ApplyMigrationAsync(Migration migration, CancellationToken cancellationToken);
}
