using System.Diagnostics;

namespace ShortUrl.Tests.Processes;

/// <summary>
/// The service published once per test run the way the Dockerfile publishes it (<c>dotnet publish -c Release</c>),
/// for tests that need a real process: started from another directory, killed, restarted.
/// </summary>
public static class PublishedApp
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder holding <c>ShortUrl.dll</c>; publishes on first use.</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ShortUrl.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ShortUrl.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Path.GetTempPath(), $"shorturl-published-{Guid.NewGuid():N}");
        var project = Path.Combine(RepositoryRoot(), "src", "ShortUrl", "ShortUrl.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", project, "-c", "Release", "-o", output, "-nodeReuse:false", "--disable-build-servers" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Build servers would outlive the publish and keep its output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 || !File.Exists(Path.Combine(output, "ShortUrl.dll")))
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return output;
    }
}
