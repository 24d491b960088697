using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShortUrl.Hosting;

/// <summary>
/// Ready while the store answers a trivial query (asked every time: it is cheap) and accepts a write
/// (<see cref="IDatabaseProbe.WriteNothingAsync"/>): a read-only or full database still answers, but takes no link.
/// The write is tried at most once per <see cref="WriteCheckLifetime"/> however often health is asked, by one caller
/// while the others share its outcome, so that the health endpoints cost the database next to nothing.
/// </summary>
internal sealed class DatabaseHealthCheck(IDatabaseProbe store) : IHealthCheck
{
    private static readonly TimeSpan WriteCheckLifetime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _writeLock = new();
    private Task<Exception?>? _write;
    private long _writeStarted;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await store.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database gave an unexpected answer.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Unhealthy("The database cannot be reached.", e);
        }

        return await LatestWriteAsync().WaitAsync(cancellationToken) is { } failure
            ? Unhealthy("The database answers but does not accept writes.", failure)
            : HealthCheckResult.Healthy("The database answers and accepts writes.");
    }

    /// <summary>
    /// The cause in words when the database is unavailable, for the problem and the one log line, without the exception:
    /// its stack trace says nothing about a full disk. Anything else keeps its exception, for whoever has to fix it.
    /// </summary>
    private static HealthCheckResult Unhealthy(string what, Exception failure) => failure switch
    {
        _ when DatabaseFault.Of(failure) is { } fault => HealthCheckResult.Unhealthy($"{what} {fault.Cause}"),
        TimeoutException => HealthCheckResult.Unhealthy($"{what} {failure.Message}"),
        _ => HealthCheckResult.Unhealthy(what, failure),
    };

    /// <summary>The write tried within the last <see cref="WriteCheckLifetime"/>, or a new one.</summary>
    private Task<Exception?> LatestWriteAsync()
    {
        lock (_writeLock)
        {
            if (_write is null || (_write.IsCompleted && Stopwatch.GetElapsedTime(_writeStarted) >= WriteCheckLifetime))
            {
                _writeStarted = Stopwatch.GetTimestamp();
                _write = TryWriteAsync();
            }

            return _write;
        }
    }

    /// <returns>Null when the write went through; otherwise why not.</returns>
    private async Task<Exception?> TryWriteAsync()
    {
        // Its own time limit, not a caller's: callers that give up do not cancel what the others wait for.
        using var timeout = new CancellationTokenSource(WriteTimeout);
        try
        {
            await store.WriteNothingAsync(timeout.Token);
            return null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Waiting behind other writes, or for another process's lock on the file, longer than a probe may.
            return new TimeoutException(
                $"It did not take a write within {WriteTimeout.TotalSeconds:0} s: another process may hold its write lock, or writes are that slow.");
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
