using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Clicks;
using ShortUrl.Storage;
using ShortUrl.Storage.Postgres;
using ShortUrl.Storage.Sqlite;

namespace ShortUrl.Tests.Kit;

/// <summary>
/// The whole service in memory over its own SQLite file, deleted on dispose: each test class that uses it owns its
/// data. In the PostgreSQL pass of the tests (<see cref="TestPostgres.IsRunning"/>) it is a PostgreSQL database of its
/// own instead, dropped on dispose. Settings override configuration keys (for example <c>ShortUrl:RedirectStatusCode</c>).
/// </summary>
public class ShortUrlFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ShortUrlFactory() : this(new Dictionary<string, string?>())
    {
    }

    protected ShortUrlFactory(Dictionary<string, string?> settings)
    {
        _settings = settings;
        if (TestPostgres.IsRunning)
        {
            Postgres = TestPostgres.CreateDatabase();
            _settings.TryAdd("ShortUrl:Database", "Postgres");
            _settings.TryAdd("ConnectionStrings:ShortUrl", Postgres.ConnectionString);
        }

        DatabasePath = Path.Combine(Path.GetTempPath(), $"shorturl-test-{Guid.NewGuid():N}.db");
        _settings.TryAdd("ConnectionStrings:ShortUrl", $"Data Source={DatabasePath}");
        // Tests create far more links than a person would; the limiter has its own tests.
        _settings.TryAdd("ShortUrl:RateLimit:PermitLimit", "0");
        // A test sees the redirect itself (status, Location), never the page it points to. Factories made from this
        // one (WithWebHostBuilder) copy these options.
        ClientOptions.AllowAutoRedirect = false;
    }

    public string DatabasePath { get; }

    /// <summary>This factory's PostgreSQL database in the PostgreSQL pass; null in the SQLite pass.</summary>
    public PostgresTestDatabase? Postgres { get; }

    /// <summary>A factory whose configuration has these keys set (on top of a private database and no rate limit).</summary>
    public static ShortUrlFactory WithSettings(params (string Key, string? Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => s.Value));

    /// <summary>
    /// A store of the test's own over this factory's database: it reads what a restarted service would, and outlives
    /// the service's own store, which goes when the host stops.
    /// </summary>
    internal StorageEngine OpenStore() => Postgres is null
        ? SqliteStorage.Open($"Data Source={DatabasePath}", Path.GetTempPath())
        : PostgresStorage.Open(Postgres.ConnectionString);

    /// <summary>Waits until every click recorded so far is in the database.</summary>
    public Task FlushClicksAsync() => Services.GetRequiredService<ClickQueue>().FlushAsync(TestContext.Timeout);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Postgres?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}

/// <summary>Bounds for waiting in tests: generous, since CI machines are shared and slow.</summary>
public static class TestContext
{
    public static CancellationToken Timeout => new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token;
}

/// <summary>A <see cref="ShortUrlFactory"/> with settings, for class fixtures (which need a type of their own).</summary>
public abstract class ShortUrlFactoryWith : ShortUrlFactory
{
    protected ShortUrlFactoryWith(params (string Key, string? Value)[] settings)
        : base(settings.ToDictionary(s => s.Key, s => s.Value))
    {
    }
}

/// <summary>A clock the test moves: links expire without waiting.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
