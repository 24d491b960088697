namespace ShortUrl.Storage;

/// <summary>Whether the database answers and takes writes, for the health check.</summary>
internal interface IDatabaseProbe
{
    Task<bool> CanConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Commits a write that leaves every value as it was but still reaches the database's storage, so that a database
    /// that cannot take writes (read-only, full, a read-only server) fails it.
    /// </summary>
    /// <exception cref="Exception">Whatever the database answered instead.</exception>
    Task WriteNothingAsync(CancellationToken cancellationToken);
}
