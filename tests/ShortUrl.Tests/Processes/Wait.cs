using System.Diagnostics;

namespace ShortUrl.Tests.Processes;

/// <summary>
/// Waiting for what a service process does in its own time (a timed write, a reconnect): polled rather than slept, and
/// bounded, so that a test that waits in vain fails saying what for instead of hanging.
/// </summary>
public static class Wait
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails the test, naming <paramref name="what"/>, if it does not within <paramref name="within"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var waiting = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waiting.Elapsed < within, $"Waited {within.TotalSeconds:F0} s in vain for {what}.");
            await Task.Delay(100);
        }
    }
}
