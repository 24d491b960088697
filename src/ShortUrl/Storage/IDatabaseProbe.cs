namespace ShortUrl.Storage;

/// <summary>Whether the database answers, for the health check.</summary>
public interface IDatabaseProbe
{
    Task<bool> CanConnectAsync(CancellationToken cancellationToken);
}
