namespace ShortUrl.Hosting;

/// <summary>
/// <c>ShortUrl:PasswordAttempts</c>: how many tries at a link's password are let through, and how much checking them may
/// cost (see <see cref="Access.PasswordAttemptLimit"/> and <see cref="Access.PasswordChecks"/>).
/// </summary>
internal sealed class PasswordAttemptOptions
{
    /// <summary>Attempts per client (an IPv4 address, or an IPv6 /64) and link per window, right or wrong.</summary>
    public int PermitLimit { get; set; } = 5;

    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// Wrong passwords per link per window from all clients together; once reached, every attempt at the link is refused
    /// until the window ends, the right password too.
    /// </summary>
    public int PerLinkLimit { get; set; } = 20;

    /// <summary>Password checks (deliberately slow hashes) computed at once; by default half the processor count, at least 1.</summary>
    public int ConcurrentChecks { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Attempts that may wait for a check to be free; past them an attempt is answered 503 with Retry-After.</summary>
    public int QueuedChecks { get; set; } = 8;

    internal IEnumerable<string> Problems()
    {
        const string Section = "ShortUrl:PasswordAttempts:";
        foreach (var (name, value) in new[]
                 {
                     (nameof(PermitLimit), PermitLimit), (nameof(WindowSeconds), WindowSeconds),
                     (nameof(PerLinkLimit), PerLinkLimit), (nameof(ConcurrentChecks), ConcurrentChecks),
                 })
        {
            if (value < 1)
            {
                yield return $"{Section}{name} must be at least 1.";
            }
        }

        if (QueuedChecks < 0)
        {
            yield return $"{Section}QueuedChecks must be 0 or more.";
        }
    }
}
