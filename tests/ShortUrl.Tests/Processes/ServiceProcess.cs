using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace ShortUrl.Tests.Processes;

/// <summary>
/// The published service running as its own process on a free loopback port, started from a fresh working
/// directory (not the publish folder) so the test proves it finds its files from anywhere.
/// </summary>
public sealed partial class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>A client for this process that does not follow redirects.</summary>
    public HttpClient Client { get; }

    /// <summary>Everything the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the service on <paramref name="databasePath"/> and waits until <c>/health</c> answers 200.</summary>
    /// <param name="settings">Extra configuration, as <c>--Key=Value</c> arguments.</param>
    public static Task<ServiceProcess> StartAsync(string databasePath, params string[] settings) =>
        StartAsync(databasePath, rateLimited: false, settings);

    /// <summary>
    /// Starts the service as <see cref="StartAsync(string, string[])"/> does, but with its rate limit as configured (the
    /// default unless <paramref name="settings"/> say otherwise).
    /// </summary>
    public static Task<ServiceProcess> StartRateLimitedAsync(string databasePath, params string[] settings) =>
        StartAsync(databasePath, rateLimited: true, settings);

    /// <summary>
    /// Starts the service as <see cref="StartAsync(string, string[])"/> does, listening on <paramref name="alsoListenOn"/>
    /// too (an https address on a fixed port, say, for a client that speaks only to that).
    /// </summary>
    public static Task<ServiceProcess> StartAlsoListeningAsync(string databasePath, string alsoListenOn, params string[] settings) =>
        StartAsync(databasePath, rateLimited: false, settings, alsoListenOn);

    private static async Task<ServiceProcess> StartAsync(string databasePath, bool rateLimited, string[] settings, string? alsoListenOn = null)
    {
        // A port found free can be taken by another test's service before this one binds it. Then this one exits
        // ("address already in use") while the other could answer its health check; so a service counts as started
        // only once its own output says it listens there, and a lost race for a port is run again on another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var url = $"http://127.0.0.1:{port}";
            var urls = alsoListenOn is null ? url : $"{url};{alsoListenOn}";
            var process = Launch(databasePath, [$"--urls={urls}", .. settings], await PublishedApp.FolderAsync(), rateLimited);
            var service = new ServiceProcess(process, new Uri(url + "/"));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                if (service.Output.Contains("Now listening on: " + url, StringComparison.Ordinal) && await IsHealthyAsync(service))
                {
                    return service;
                }

                await Task.Delay(100);
            }

            if (!process.HasExited)
            {
                await service.DisposeAsync();
                throw new TimeoutException($"The service did not become healthy within 60 s:\n{service.Output}");
            }

            process.WaitForExit(); // flushes the redirected output
            var (exitCode, output) = (process.ExitCode, service.Output);
            await service.DisposeAsync();
            if (attempt == 3 || !output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The service exited with {exitCode} during start:\n{output}");
            }
        }
    }

    private static async Task<bool> IsHealthyAsync(ServiceProcess service)
    {
        try
        {
            using var health = await service.Client.GetAsync("/health");
            return health.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Runs the service expecting it to stop by itself (a failed start); returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string databasePath, params string[] settings)
    {
        var process = Launch(databasePath, [$"--urls=http://127.0.0.1:{FreePort()}", .. settings], await PublishedApp.FolderAsync());
        await using var service = new ServiceProcess(process, new Uri("http://127.0.0.1/"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit(); // flushes the redirected output
        return (process.ExitCode, service.Output);
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as <c>docker stop</c> sends, then waits for a graceful exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (SendSignal(_process.Id, 15) != 0)
        {
            throw new InvalidOperationException("Could not send SIGTERM: errno " + Marshal.GetLastPInvokeError());
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <param name="rateLimited">Whether creates are rate limited as configured; off, tests may create as many links as they need.</param>
    private static Process Launch(string databasePath, string[] arguments, string publishFolder, bool rateLimited = false)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("shorturl-cwd-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(publishFolder, "ShortUrl.dll"),
                $"--ConnectionStrings:ShortUrl=Data Source={databasePath}",
            },
        };
        if (!rateLimited)
        {
            start.ArgumentList.Add("--ShortUrl:RateLimit:PermitLimit=0");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return Process.Start(start)!;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>A loopback port nothing listens on (until someone does).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
