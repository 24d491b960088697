using System.Numerics;
namespace ShortUrl.Hosting;

/// <summary>
/// A count that the redirect path bumps on every request from every core at once. Each thread adds to a slot of its own
/// cache line, so two cores rarely write the same line; the total is summed only when it is read (a metrics scrape).
/// OpenTelemetry's own counters look up the tags and update a shared point on each add, which on the redirect path costs
/// more than the rest of the instrumentation together.
/// </summary>
internal sealed class StripedCounter
{
    // A slot every 16 longs: 128 bytes apart, past the two cache lines the hardware prefetches together.
    private const int Spacing = 16;
    private static readonly int Slots = Math.Max(4, (int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount) * 2);

    private readonly long[] _counts = new long[Slots * Spacing];

    public void Increment() =>
        Interlocked.Increment(ref _counts[(Environment.CurrentManagedThreadId & (Slots - 1)) * Spacing]);

    public long Total
    {
        get
        {
            long total = 0;
            for (var slot = 0; slot < Slots; slot++)
            {
                total += Volatile.Read(ref _counts[slot * Spacing]);
            }

            return total;
        }
    }
}
