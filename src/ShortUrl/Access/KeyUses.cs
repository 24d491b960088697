using System.Collections.Concurrent;

namespace ShortUrl.Access;

/// <summary>
/// When each key was last used, for <c>keys list</c>. A request only notes the time in memory; <see cref="KeyUseWriter"/>
/// writes a key's newest use at most once per <see cref="WriteInterval"/>, off the request path, so that a busy key
/// costs no database write per request.
/// </summary>
internal sealed class KeyUses(TimeProvider time)
{
    public static readonly TimeSpan WriteInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTime> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTime Use, DateTimeOffset WrittenAt)> _written = new(StringComparer.Ordinal);
    private readonly Lock _writing = new();

    public void Note(string keyName) => _seen[keyName] = time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The uses to write now: each key's newest use not written yet, unless that key was written within
    /// <see cref="WriteInterval"/> (all of them when <paramref name="all"/>, on the way out).
    /// </summary>
    public IReadOnlyList<ApiKeyUse> Due(bool all)
    {
        var now = time.GetUtcNow();
        var due = new List<ApiKeyUse>();
        lock (_writing)
        {
            foreach (var (name, use) in _seen)
            {
                if (_written.TryGetValue(name, out var written) && (written.Use >= use || (!all && now - written.WrittenAt < WriteInterval)))
                {
                    continue;
                }

                due.Add(new ApiKeyUse(name, use));
            }
        }

        return due;
    }

    /// <summary>Remembers that <paramref name="uses"/> are in the database.</summary>
    public void Written(IReadOnlyList<ApiKeyUse> uses)
    {
        var now = time.GetUtcNow();
        lock (_writing)
        {
            foreach (var use in uses)
            {
                _written[use.Name] = (use.LastUsedAt, now);
            }
        }
    }
}

/// <summary>Writes the keys' last uses in the background, and what is left on a graceful stop.</summary>
internal sealed partial class KeyUseWriter(KeyUses uses, IApiKeyStore store, TimeProvider time, ILogger<KeyUseWriter> logger) : BackgroundService
{
    /// <summary>Writes the uses that are due (every one not written yet when <paramref name="all"/>).</summary>
    public async Task FlushAsync(bool all, CancellationToken cancellationToken)
    {
        var due = uses.Due(all);
        if (due.Count == 0)
        {
            return;
        }

        try
        {
            await store.RecordUsesAsync(due, cancellationToken);
            uses.Written(due);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only a report is lost; the next round tries again.
            DatabaseFaultLog.Failed(logger, e, "The API keys' last uses could not be written", "Trying again later.");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(all: true, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(KeyUses.WriteInterval / 4, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(all: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }


}
