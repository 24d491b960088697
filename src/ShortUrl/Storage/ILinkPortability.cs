namespace ShortUrl.Storage;

/// <summary>Every link out, many links in.</summary>
internal interface ILinkPortability
{
    /// <summary>
    /// Every link, or only those the key named <paramref name="createdBy"/> created, oldest first, read as it is
    /// enumerated rather than all at once.
    /// </summary>
    IAsyncEnumerable<ExportedLink> ExportAsync(string? createdBy, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="links"/> in one transaction: all of them or, when it throws, none. For each, in order, the
    /// link created, or null when its alias is taken (a link without an alias gets a code from <paramref name="newCode"/>,
    /// tried again on a collision). Each records <paramref name="createdBy"/>, the name of the importing key.
    /// </summary>
    Task<IReadOnlyList<Link?>> ImportAsync(
        IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, string? createdBy, CancellationToken cancellationToken);
}
