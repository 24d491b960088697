using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Peers;

/// <summary>
/// A class fixture: the published service with an admin key and an author key, on a fresh SQLite file, or in the
/// PostgreSQL pass on a database of its own there; and what the client scripts need to know of it.
/// </summary>
public class PeerService : IAsyncLifetime
{
    public const string AdminKey = "peers-admin-key-5b1f0c9d";
    public const string AuthorKey = "peers-author-key-77e2a4b1";

    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-peers-").FullName;
    private readonly PostgresTestDatabase? _postgres = TestPostgres.IsRunning ? TestPostgres.CreateDatabase() : null;

    public ServiceProcess Process { get; private set; } = null!;

    /// <summary>The keys, and on PostgreSQL the engine, as the service's command-line settings.</summary>
    public string[] Settings =>
    [
        "--ShortUrl:ApiKeys:0:Name=peers-admin", "--ShortUrl:ApiKeys:0:Role=admin", $"--ShortUrl:ApiKeys:0:Hash={TestKeys.HashOf(AdminKey)}",
        "--ShortUrl:ApiKeys:1:Name=peers-author", "--ShortUrl:ApiKeys:1:Role=author", $"--ShortUrl:ApiKeys:1:Hash={TestKeys.HashOf(AuthorKey)}",
        .. _postgres is null ? [] : new[] { "--ShortUrl:Database=Postgres", $"--ConnectionStrings:ShortUrl={_postgres.ConnectionString}" },
    ];

    public string DatabasePath => Path.Combine(_folder, "shorturl.db");

    /// <summary>A folder of this fixture's own, deleted with it.</summary>
    protected string Folder => _folder;

    /// <summary>What every client script reads: where the service is and the two keys.</summary>
    public virtual Dictionary<string, string> Environment => new()
    {
        ["SHORTURL_BASE_URL"] = Process.BaseAddress.ToString().TrimEnd('/'),
        ["SHORTURL_ADMIN_KEY"] = AdminKey,
        ["SHORTURL_AUTHOR_KEY"] = AuthorKey,
    };

    public async Task InitializeAsync() => Process = await StartAsync();

    protected virtual Task<ServiceProcess> StartAsync() => ServiceProcess.StartAsync(DatabasePath, Settings);

    public async Task DisposeAsync()
    {
        await Process.DisposeAsync();
        _postgres?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
