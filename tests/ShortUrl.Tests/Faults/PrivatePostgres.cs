namespace ShortUrl.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of one test's own, which it may stop, start again and move to another port: the shared server of
/// <c>tests/with-postgres.sh</c> must stay up for the other tests. Listens on 127.0.0.1 only and skips fsync (its data
/// is thrown away); as root, it runs as the postgres user, since PostgreSQL refuses root. Stopped and deleted on dispose.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _bin;

    private PrivatePostgres(string folder, string bin)
    {
        _folder = folder;
        _bin = bin;
    }

    private string Cluster => Path.Combine(_folder, "db");

    /// <summary>The port the server listens on since its last start.</summary>
    public int Port { get; private set; }

    /// <summary>A connection string to its <c>postgres</c> database on <paramref name="port"/> (its current port by default).</summary>
    public string ConnectionString(int? port = null) => $"Host=127.0.0.1;Port={port ?? Port};Username=postgres;Database=postgres";

    /// <summary>Creates the cluster and starts it on a free port.</summary>
    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = new[] { "/usr/lib/postgresql" }.Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories).OrderDescending().Select(version => Path.Combine(version, "bin"))
            .Concat(["/usr/local/bin", "/usr/bin"])
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new InvalidOperationException("This test needs PostgreSQL's server binaries (initdb, pg_ctl): as root, apt-get install postgresql.");
        var folder = Directory.CreateTempSubdirectory("shorturl-private-postgres-").FullName;
        var postgres = new PrivatePostgres(folder, bin);
        try
        {
            if (Command.IsRoot)
            {
                await Command.RunAsync("chown", "postgres", folder);
            }

            await postgres.RunAsync("initdb", "-D", postgres.Cluster, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            await postgres.StartAsync(Processes.ServiceProcess.FreePort());
            return postgres;
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the (stopped) cluster on <paramref name="port"/> and waits until it accepts connections.</summary>
    public async Task StartAsync(int port)
    {
        await RunAsync("pg_ctl", "-D", Cluster, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "30", "start", "-o",
            $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='' -c max_connections=100 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        Port = port;
    }

    /// <summary>Stops the server: <c>fast</c> closes every connection at once and ends cleanly; <c>immediate</c> is a crash.</summary>
    public Task StopAsync(string mode = "fast") => RunAsync("pg_ctl", "-D", Cluster, "-m", mode, "-w", "-t", "30", "stop");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Cluster, "postmaster.pid")))
        {
            await AsServerUser("pg_ctl", "-D", Cluster, "-m", "immediate", "stop");
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task RunAsync(string program, params string[] args)
    {
        var (exitCode, output) = await AsServerUser(program, args);
        if (exitCode != 0)
        {
            var log = Path.Combine(_folder, "server.log");
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({exitCode}): {output}\n"
                + (File.Exists(log) ? await File.ReadAllTextAsync(log) : ""));
        }
    }

    private Task<(int ExitCode, string Output)> AsServerUser(string program, params string[] args) => Command.IsRoot
        ? Command.TryRunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. args])
        : Command.TryRunAsync(Path.Combine(_bin, program), args);
}
