using System.Diagnostics;
using System.Text;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Peers;

/// <summary>
/// The peers' published clients (<c>tests/peer-clients</c>: the Shlink SDK, kutt and bitly at the versions its
/// package-lock.json pins), installed once per test run with <c>npm ci</c>, and the scripts that drive them. A script
/// prints a line per check (<c>ok 3 ...</c> or <c>FAIL 3 ...: why</c>) and exits non-zero when any failed.
/// </summary>
public static class PeerClients
{
    private static readonly Lazy<Task> Installed = new(InstallAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Folder => Path.Combine(PublishedApp.RepositoryRoot(), "tests", "peer-clients");

    /// <summary>Runs <paramref name="script"/> with node in <see cref="Folder"/>; its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        await Installed.Value;
        var start = new ProcessStartInfo("node", [script]) { WorkingDirectory = Folder };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await RunProcessAsync(start, TimeSpan.FromMinutes(2), $"node {script}");
    }

    private static async Task InstallAsync()
    {
        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"]) { WorkingDirectory = Folder };
        var (exitCode, output) = await RunProcessAsync(start, TimeSpan.FromMinutes(5), "npm ci");
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"The peers' clients are installed with 'npm ci' in tests/peer-clients, and it failed (exit code {exitCode}). Check that "
                + $"Node.js and npm are installed and the npm registry is reachable.\n{output}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout, string what)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{what}' could not run ({e.Message}): the peers' client tests need Node.js and npm.", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{what}' did not finish within {timeout.TotalSeconds} s:\n{Text()}");
        }

        process.WaitForExit();
        return (process.ExitCode, Text());

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        string Text()
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Fails with the checks that failed first, then the whole output, unless every check passed.</summary>
    public static void AssertEveryCheckPassed(string script, (int ExitCode, string Output) run)
    {
        var failed = run.Output.Split('\n').Where(line => line.StartsWith("FAIL ", StringComparison.Ordinal)).ToList();
        Assert.True(
            run.ExitCode == 0 && failed.Count == 0,
            $"{script} exited with {run.ExitCode}; failed checks:\n{string.Join('\n', failed)}\n\nWhole output:\n{run.Output}");
        Assert.Contains(" checks passed", run.Output, StringComparison.Ordinal);
    }
}
