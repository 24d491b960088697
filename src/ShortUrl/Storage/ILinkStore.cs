namespace ShortUrl.Storage;

/// <summary>Links as the API sees them: create, find, edit, delete, list, and the click count of a limited link.</summary>
internal interface ILinkStore
{
    /// <summary>
    /// Inserts a link, or returns null when <paramref name="code"/> is already taken. <paramref name="createdBy"/> is the
    /// name of the API key creating it; null without one. Its title and tags are written in the same transaction.
    /// </summary>
    Task<Link?> TryCreateAsync(
        string code, string url, DateTime createdAt, LinkRules rules, string? createdBy, LinkLabels labels, CancellationToken cancellationToken);

    Task<Link?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>Applies an edit in one statement; null when there is no such link.</summary>
    Task<Link?> UpdateAsync(string code, LinkChanges changes, CancellationToken cancellationToken);

    /// <returns>False when there is no such link.</returns>
    Task<bool> DeleteAsync(string code, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The links the key named <paramref name="createdBy"/> created, newest first.</summary>
    Task<IReadOnlyList<Link>> RecentByCreatorAsync(string createdBy, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one click of a link with a click limit at once, unless the limit is reached: the database decides, so the
    /// limit holds exactly however many requests or instances race for the last click.
    /// </summary>
    /// <returns>False when the limit was already reached (or the link is gone).</returns>
    Task<bool> TryCountLimitedClickAsync(long linkId, CancellationToken cancellationToken);
}
