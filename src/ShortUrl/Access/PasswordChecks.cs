using System.Threading.RateLimiting;
namespace ShortUrl.Access;

/// <summary>
/// What guessing a link's password may cost, whoever guesses. Each check is a deliberately slow hash
/// (<see cref="LinkPasswords"/>): at most <see cref="PasswordAttemptOptions.ConcurrentChecks"/> run at once, up to
/// <see cref="PasswordAttemptOptions.QueuedChecks"/> more wait their turn, and the rest are turned away at once, so
/// guessing from any number of addresses takes a bounded share of the processor and no unbounded queue. And per link,
/// from all clients together: once <see cref="PasswordAttemptOptions.PerLinkLimit"/> wrong passwords were given in a
/// window, the link takes no attempt until the window ends. Right passwords do not count, so a link that is guessed at
/// less than that keeps opening for whoever knows its password; under heavier guessing its owner waits out the window
/// too, which is the price of a bound on guesses that no number of addresses can raise.
/// </summary>
internal sealed class PasswordChecks : IDisposable
{
    private readonly ConcurrencyLimiter _checks;
    private readonly PartitionedRateLimiter<string> _wrongPerLink;

    public PasswordChecks(IOptions<ShortUrlOptions> options)
    {
        var attempts = options.Value.PasswordAttempts;
        _checks = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = attempts.ConcurrentChecks,
            QueueLimit = attempts.QueuedChecks,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _wrongPerLink = PartitionedRateLimiter.Create<string, string>(code => RateLimitPartition.GetFixedWindowLimiter(
            code,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = attempts.PerLinkLimit,
                Window = TimeSpan.FromSeconds(attempts.WindowSeconds),
                QueueLimit = 0,
            }));
    }

    public abstract record Outcome
    {
        public sealed record Right : Outcome;
        public sealed record Wrong : Outcome;

        /// <summary>The link had its wrong passwords for this window.</summary>
        public sealed record LinkLocked(int RetryAfterSeconds) : Outcome;

        /// <summary>Every check is taken and so is every place in the queue.</summary>
        public sealed record Busy(int RetryAfterSeconds) : Outcome;
    }

    /// <summary>Whether <paramref name="password"/> is the one <paramref name="hash"/> was made of, if it may be checked now.</summary>
    public async Task<Outcome> CheckAsync(string code, string hash, string password, CancellationToken cancellationToken)
    {
        // Before waiting for a turn, so that a locked link takes no place in the queue; again once the turn comes, so
        // that attempts that waited meanwhile do not overshoot the limit by more than the checks running at once.
        if (LockedFor(code) is { } retryAfter)
        {
            return new Outcome.LinkLocked(retryAfter);
        }

        using var turn = await _checks.AcquireAsync(1, cancellationToken);
        if (!turn.IsAcquired)
        {
            return new Outcome.Busy(1);
        }

        if (LockedFor(code) is { } retryAfterWaiting)
        {
            return new Outcome.LinkLocked(retryAfterWaiting);
        }

        if (LinkPasswords.Verify(hash, password))
        {
            return new Outcome.Right();
        }

        _wrongPerLink.AttemptAcquire(code).Dispose();
        return new Outcome.Wrong();
    }

    public void Dispose()
    {
        _checks.Dispose();
        _wrongPerLink.Dispose();
    }

    /// <returns>Seconds until the link takes attempts again; null while it does.</returns>
    private int? LockedFor(string code)
    {
        // Asking for no permit only looks: granted while the window has any left.
        using var look = _wrongPerLink.AttemptAcquire(code, 0);
        if (look.IsAcquired)
        {
            return null;
        }

        return look.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
    }
}
