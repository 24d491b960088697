using System.Diagnostics;

namespace ShortUrl.Tests.Processes;

/// <summary>A command of the published service (<c>dotnet ShortUrl.dll keys ...</c>), run to its end from a fresh directory.</summary>
public static class ServiceCommand
{
    public sealed record Outcome(int ExitCode, string Output, string Errors);

    /// <summary>Runs <c>dotnet ShortUrl.dll</c> with <paramref name="args"/> and the database at <paramref name="databasePath"/>.</summary>
    public static async Task<Outcome> RunAsync(string databasePath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory.CreateTempSubdirectory("shorturl-cwd-").FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(await PublishedApp.FolderAsync(), "ShortUrl.dll"));
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add($"--ConnectionStrings:ShortUrl=Data Source={databasePath}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
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
            // A command that never ends is a service started by mistake: stop it so it does not outlive the test.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not end within a minute: {await errors}");
        }

        return new Outcome(process.ExitCode, await output, await errors);
    }
}
