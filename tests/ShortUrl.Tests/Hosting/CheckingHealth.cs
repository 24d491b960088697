using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Storage;

namespace ShortUrl.Tests.Hosting;

public sealed class CheckingHealth
{
    [Fact]
    public async Task HealthIs200WhileTheDatabaseAnswers()
    {
        await using var factory = new ShortUrlFactory();
        var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
    public async Task HealthIsA503ProblemOnceTheDatabaseCanNoLongerBeOpened()
    {
        // Nothing in the background may open the database between the delete and the directory taking its place: a new
        // connection would create the file again. So no redirect index to load and no click writer's turn.
        await using var factory = ShortUrlFactory.WithSettings(
            ("ShortUrl:LinkIndexSize", "0"), ("ShortUrl:ClickWriteIntervalMilliseconds", "3600000"));
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Pooled connections would keep the deleted file alive; a directory in its place cannot be opened.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(factory.DatabasePath + suffix);
        }

        Directory.CreateDirectory(factory.DatabasePath);
        try
        {
            var response = await client.GetAsync("/health");

            await AssertUnavailableProblemAsync(response);
        }
        finally
        {
            Directory.Delete(factory.DatabasePath);
        }
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Postgres)]
    public async Task HealthIsA503ProblemOnceThePostgresDatabaseIsGone()
    {
        await using var factory = new ShortUrlFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Closes the service's pooled connections too, so the check has to open a new one.
        factory.Postgres!.Drop();
        var response = await client.GetAsync("/health");

        await AssertUnavailableProblemAsync(response);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task LiveAndReadyAre200WhileTheDatabaseAnswersAndAcceptsWrites(string path)
    {
        await using var factory = new ShortUrlFactory();

        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LiveStays200WhileTheDatabaseCannotBeReachedAndReadyAndTheSummaryAre503()
    {
        await using var factory = new ShortUrlFactory();
        using var app = WithProbe(factory, FailingStore.Of<IDatabaseProbe>());
        var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");
        var summary = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await AssertUnavailableProblemAsync(ready);
        await AssertUnavailableProblemAsync(summary);
    }

    [Fact]
    public async Task ReadyAndTheSummaryAre503WhenTheDatabaseAnswersButEveryWriteFails()
    {
        await using var factory = new ShortUrlFactory();
        using var app = WithProbe(factory, new ReadOnlyProbe(factory.Services.GetRequiredService<IDatabaseProbe>()));
        var client = app.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var summary = await client.GetAsync("/health");

        await AssertUnavailableProblemAsync(ready, "The database answers but does not accept writes.");
        await AssertUnavailableProblemAsync(summary, "The database answers but does not accept writes.");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
    public async Task ReadyIsA503OnceTheSqliteFileIsReadOnly()
    {
        // Nothing in the background may write the file's first page back from memory: no index to load, no click writer's turn.
        await using var factory = ShortUrlFactory.WithSettings(
            ("ShortUrl:LinkIndexSize", "0"), ("ShortUrl:ClickWriteIntervalMilliseconds", "3600000"));
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // Tests run as root, for whom no permission bit stops a write. The file's own header can: SQLite opens a file whose
        // write version (byte 18) is newer than it knows read-only. Everything in the WAL goes into the file first.
        Checkpoint(factory.DatabasePath);

        SqliteConnection.ClearAllPools();
        SetWriteVersion(factory.DatabasePath, 3);
        try
        {
            var ready = await EventuallyAsync(client, "/health/ready", HttpStatusCode.ServiceUnavailable);

            await AssertUnavailableProblemAsync(ready, "The database answers but does not accept writes.");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            SetWriteVersion(factory.DatabasePath, 2);
        }
    }

    [Fact]
    [Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
    public async Task TheWriteCheckReachesTheSqliteFileAndChangesNothing()
    {
        // Nothing else writes meanwhile: no index to load, no click writer's turn.
        await using var factory = ShortUrlFactory.WithSettings(
            ("ShortUrl:LinkIndexSize", "0"), ("ShortUrl:ClickWriteIntervalMilliseconds", "3600000"));
        var probe = factory.Services.GetRequiredService<IDatabaseProbe>();
        await factory.CreateClient().GetAsync("/health/ready");
        var history = await factory.Services.GetRequiredService<IMigrationHistory>().ReadMigrationHistoryAsync(TestContext.Timeout);
        Checkpoint(factory.DatabasePath);

        await probe.WriteNothingAsync(TestContext.Timeout);

        Assert.True(new FileInfo(factory.DatabasePath + "-wal").Length > 0, "the write reached no file");
        var after = await factory.Services.GetRequiredService<IMigrationHistory>().ReadMigrationHistoryAsync(TestContext.Timeout);
        Assert.Equal(history, after);
    }

    [Fact]
    public async Task TheWriteCheckRunsAtMostOnceASecondHoweverOftenHealthIsAsked()
    {
        await using var factory = new ShortUrlFactory();
        var counting = new CountingProbe(factory.Services.GetRequiredService<IDatabaseProbe>());
        using var app = WithProbe(factory, counting);
        var client = app.CreateClient();

        var asking = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetAsync("/health/ready")));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetAsync("/health")));
        asking.Stop();

        Assert.InRange(counting.Writes, 1, 1 + (int)asking.Elapsed.TotalSeconds);
        Assert.Equal(100, counting.Connects);
    }

    [Fact]
    public async Task ReadyIsA503OnceVisitsHaveWaitedForTheDatabaseTooLong()
    {
        await using var factory = new ShortUrlFactory();
        var clock = new TestClock();
        using var app = factory.WithWebHostBuilder(host => host.ConfigureServices(services => services
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(FailingStore.Of<IClickSink>())));
        var client = app.CreateClient();
        var code = (await client.CreateLinkAsync("https://example.com/clicked")).Code();
        await client.GetAsync($"/{code}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        clock.Advance(TimeSpan.FromMinutes(5));
        var ready = await client.GetAsync("/health/ready");

        var problem = await ProblemAssert.IsProblemAsync(ready, 503);
        Assert.StartsWith("The click writer is behind: 1 visit waits for the database", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static WebApplicationFactory<Program> WithProbe(ShortUrlFactory factory, IDatabaseProbe probe) =>
        factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton(probe)));

    private static async Task<HttpResponseMessage> EventuallyAsync(HttpClient client, string path, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == status || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Moves everything in the WAL into the database file and empties the WAL.</summary>
    private static void Checkpoint(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        checkpoint.ExecuteNonQuery();
    }

    private static void SetWriteVersion(string databasePath, byte version)
    {
        using var file = new FileStream(databasePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        file.Position = 18;
        file.WriteByte(version);
    }

    private static async Task AssertUnavailableProblemAsync(HttpResponseMessage response, string detail = "The database cannot be reached.")
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        // Then, when the database is unavailable rather than broken, the cause in words.
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty("type", out _));
        Assert.True(problem.TryGetProperty("title", out _));
    }

    /// <summary>A database that answers but takes no write, as a full disk or a read-only server does.</summary>
    private sealed class ReadOnlyProbe(IDatabaseProbe real) : IDatabaseProbe
    {
        public Task<bool> CanConnectAsync(CancellationToken cancellationToken) => real.CanConnectAsync(cancellationToken);

        public Task WriteNothingAsync(CancellationToken cancellationToken) =>
            throw new SqliteException("database or disk is full", 13);
    }

    private sealed class CountingProbe(IDatabaseProbe real) : IDatabaseProbe
    {
        private int _connects;
        private int _writes;

        public int Connects => _connects;

        public int Writes => _writes;

        public Task<bool> CanConnectAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _connects);
            return real.CanConnectAsync(cancellationToken);
        }

        public async Task WriteNothingAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _writes);
            await Task.Delay(200, cancellationToken);
            await real.WriteNothingAsync(cancellationToken);
        }
    }
}
