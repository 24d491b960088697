using System.Security.Cryptography;

namespace ShortUrl.Access;

/// <summary>A key the service accepts: its name, role, SHA-256 and where it comes from.</summary>
internal sealed record KnownKey(string Name, ApiKeyRole Role, byte[] Hash, bool FromConfiguration);

/// <summary>
/// Every key the service accepts: those of the configuration (<c>ShortUrl:ApiKeys</c>) and those of the database
/// (the <c>keys</c> command), known only by their SHA-256 hashes. A key presented in <c>X-Api-Key</c> is hashed and
/// compared with each in constant time, so neither what is stored nor the timing of an answer gives a key away.
/// The database's keys are read again when the copy in memory is a few seconds old: a key added by the command works at
/// once (an unknown key makes the ring look again), and a revoked one stops working within
/// <see cref="Freshness"/> on every instance.
/// </summary>
internal sealed partial class KeyRing(IOptions<ShortUrlOptions> options, IApiKeyStore store, TimeProvider time, ILogger<KeyRing> logger)
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>How old the database's keys in memory may be before a keyed request reads them again.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    /// <summary>How often an unknown key may make the ring read the database again: a flood of wrong keys reads it at most this often.</summary>
    private static readonly TimeSpan UnknownKeyRecheck = TimeSpan.FromSeconds(1);

    private readonly KnownKey[] _configured = options.Value.ApiKeys
        .Select(key => key.Resolve())
        .Select(key => new KnownKey(key.Name, key.Role, Convert.FromHexString(key.Hash), FromConfiguration: true))
        .ToArray();

    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Snapshot? _snapshot;

    public enum Outcome { Missing, Wrong, Valid }

    /// <summary>The keys of the configuration, in order.</summary>
    public IReadOnlyList<KnownKey> Configured => _configured;

    /// <summary>Whether any key exists, in the configuration or the database.</summary>
    public async ValueTask<bool> AnyAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Keys.Length > 0;

    /// <summary>Who sent <paramref name="request"/>: no key, a key the service does not accept, or a valid key's holder.</summary>
    public async ValueTask<(Outcome Outcome, Caller? Caller)> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var presented = request.Headers[HeaderName];
        return await CheckAsync(presented.Count == 0 ? null : presented.ToString(), cancellationToken);
    }

    /// <summary>Who holds <paramref name="presented"/>, a key however a client sent it (the peers' APIs name it their own way).</summary>
    public async ValueTask<(Outcome Outcome, Caller? Caller)> CheckAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return (Outcome.Missing, null);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var snapshot = await CurrentAsync(cancellationToken);
        var key = Match(snapshot.Keys, hash);
        if (key is null && time.GetUtcNow() - snapshot.ReadAt >= UnknownKeyRecheck)
        {
            // Perhaps added by the keys command since the last read.
            key = Match((await ReadAsync(snapshot, cancellationToken)).Keys, hash);
        }

        return key is null ? (Outcome.Wrong, null) : (Outcome.Valid, new Caller(key.Name, key.Role));
    }

    private static KnownKey? Match(KnownKey[] keys, byte[] hash)
    {
        KnownKey? matched = null;
        // Every key, with no early exit: how long this takes says nothing about which key came close.
        foreach (var key in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                matched = key;
            }
        }

        return matched;
    }

    private ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken) =>
        _snapshot is { } snapshot && time.GetUtcNow() - snapshot.ReadAt < Freshness
            ? ValueTask.FromResult(snapshot)
            : new ValueTask<Snapshot>(ReadAsync(_snapshot, cancellationToken));

    /// <summary>Reads the database's keys, unless another request did since <paramref name="seen"/>.</summary>
    private async Task<Snapshot> ReadAsync(Snapshot? seen, CancellationToken cancellationToken)
    {
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } current && !ReferenceEquals(current, seen))
            {
                return current;
            }

            KnownKey[] stored;
            try
            {
                stored = (await store.ListAsync(cancellationToken))
                    .Where(key => ApiKeyText.IsHash(key.KeyHash) && ApiKeyRoles.TryParse(key.Role, out _))
                    .Select(key => new KnownKey(
                        key.Name, ApiKeyRoles.TryParse(key.Role, out var role) ? role : ApiKeyRole.Author, Convert.FromHexString(key.KeyHash), false))
                    .ToArray();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database is away: keep to the keys known so far rather than fail every keyed request.
                LogReadFailed(e);
                stored = _snapshot?.Keys.Where(key => !key.FromConfiguration).ToArray() ?? [];
            }

            var snapshot = new Snapshot([.. _configured, .. stored], time.GetUtcNow());
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API keys could not be read from the database; using those known so far.")]
    private partial void LogReadFailed(Exception exception);

    private sealed record Snapshot(KnownKey[] Keys, DateTimeOffset ReadAt);
}
