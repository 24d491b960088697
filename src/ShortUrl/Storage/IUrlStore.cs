using ShortUrl.Storage.Migrations;
namespace ShortUrl.Storage;

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

    /// <summary>How many links there are: what the redirect index makes room for before it loads.</summary>
    Task<long> CountLinksAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> links without rules whose row is above <paramref name="afterId"/>, in row order:
    /// the redirect index's load, a page at a time, so that no read holds a snapshot for long.
    /// </summary>
    Task<IReadOnlyList<PlainLink>> PlainLinksAfterAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Adds a batch's clicks to their links and its visits to the visit counts, all in one transaction.</summary>
    Task AddClicksAsync(ClickBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the clicks of up to <paramref name="maxLinks"/> links, those after row <paramref name="afterId"/>, from
    /// where <see cref="AddClicksAsync"/> puts them into the links' own counts, in one transaction. Reads count them
    /// either way; this is for the release before, which reads the links' counts alone.
    /// </summary>
    /// <returns>The last row folded; null when no link after <paramref name="afterId"/> had clicks waiting (always, for a
    /// store that adds clicks to the links' counts directly).</returns>
    Task<long?> FoldClicksAsync(long afterId, int maxLinks, CancellationToken cancellationToken);

    /// <summary>A link's clicks per day in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>), days with none left out.</summary>
    Task<IReadOnlyList<DailyClicks>> ClicksByDayAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken);

    /// <summary>A link's clicks in [<paramref name="fromMinute"/>, <paramref name="toMinute"/>) by kind of visitor.</summary>
    Task<IReadOnlyList<VisitorClicks>> ClicksByVisitorAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken);

    /// <summary>Every bot visit a link has had.</summary>
    Task<long> BotClicksAsync(long linkId, CancellationToken cancellationToken);

    /// <summary>Every link, oldest first, read as it is enumerated rather than all at once.</summary>
    IAsyncEnumerable<ExportedLink> ExportAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="links"/> in one transaction. For each, in order, the link created, or null when its alias
    /// is taken (a link without an alias gets a code from <paramref name="newCode"/>, tried again on a collision).
    /// </summary>
    Task<IReadOnlyList<Link?>> ImportAsync(
        IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, CancellationToken cancellationToken);

    Task<bool> CanConnectAsync(CancellationToken cancellationToken);

    /// <summary>Creates the migration history if missing and returns what it records, in version order.</summary>
    Task<IReadOnlyList<AppliedMigration>> ReadMigrationHistoryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies one migration and records it, in one transaction, unless another process applied it first
    /// (then returns false).
    /// </summary>
    Task<bool> ApplyMigrationAsync(Migration migration, CancellationToken cancellationToken);
}
