namespace ShortUrl.Data;

/// <summary>
/// Every read and write of links. Implementations hold all of the SQL; nothing above this interface knows
/// which database is underneath.
/// </summary>
public interface IUrlStore
{
    /// <summary>Inserts a link, or returns null when <paramref name="code"/> is already taken.</summary>
    Task<Link?> TryCreateAsync(string code, string url, DateTime createdAt, CancellationToken cancellationToken);

    Task<Link?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Adds counted clicks to their links, all in one transaction.</summary>
    Task AddClicksAsync(IReadOnlyCollection<KeyValuePair<long, long>> clicksByLinkId, CancellationToken cancellationToken);

    Task<bool> CanConnectAsync(CancellationToken cancellationToken);

    /// <summary>Creates the migration history if missing and returns what it records, in version order.</summary>
    Task<IReadOnlyList<AppliedMigration>> ReadMigrationHistoryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies one migration and records it, in one transaction, unless another process applied it first
    /// (then returns false).
    /// </summary>
    Task<bool> ApplyMigrationAsync(Migration migration, CancellationToken cancellationToken);
}
