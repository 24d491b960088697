using System.Diagnostics;

namespace ShortUrl.Tests.Faults;

/// <summary>A command of the machine's own (mount, chattr, pg_ctl), run to its end within a bound; a failure fails the test saying why.</summary>
public static class Command
{
    /// <summary>Runs <paramref name="file"/> and returns its output; throws with its output if it exits non-zero.</summary>
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var (exitCode, output) = await TryRunAsync(file, args);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' failed with exit code {exitCode}: {output}");
    }

    /// <summary>Runs <paramref name="file"/>; returns its exit code and its output, standard error included.</summary>
    public static async Task<(int ExitCode, string Output)> TryRunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', args)}' did not end within a minute.");
        }

        return (process.ExitCode, (await output + await errors).Trim());
    }

    public static bool IsRoot => Environment.UserName == "root";
}
