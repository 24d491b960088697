namespace ShortUrl.Data;

/// <summary>
/// Every read and write of links. Implementations hold all of the SQL; nothing above this interface knows
/// which database is underneath.
/// </summary>
public interface IUrlStore
{
    /// <summary>Inserts a link, or returns null when <paramref name="code"/> is already taken.</summary>
    Task<Link?> TryCreateAsync(string code, string url, DateTime createdAt, LinkRules rules, CancellationToken cancellationToken);

    /// <summary>Applies an edit in one statement; null when there is no such link.</summary>
    Task<Link?> UpdateAsync(string code, LinkChanges changes, CancellationToken cancellationToken);

    /// <returns>False when there is no such link.</returns>
    Task<bool> DeleteAsync(string code, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one click of a link with a click limit at once, unless the limit is reached: the database decides, so the
    /// limit holds exactly however many requests or instances race for the last click.
    /// </summary>
    /// <returns>False when the limit was already reached (or the link is gone).</returns>
    Task<bool> TryCountLimitedClickAsync(long linkId, CancellationToken cancellationToken);

    Task<Link?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>The redirect's lookup on a cache miss: only what a redirect needs, answered without allocating a task.</summary>
    ValueTask<LinkTarget?> FindTargetAsync(string code, CancellationToken cancellationToken);

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
