using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortUrl.RedirectIndex;
using ShortUrl.Tests.Processes;
using ShortUrl.Tests.Storage.Migrations;

namespace ShortUrl.Tests.Storage;

/// <summary>
/// Two published services, as two processes, on one PostgreSQL database: what one instance writes, the other serves.
/// This is how the service scales out behind a load balancer (see "Running at scale" in the README).
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Postgres)]
public sealed class RunningManyInstancesOnOnePostgres : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = TestPostgres.CreateDatabase();
    private ServiceProcess[] _instances = [];

    private ServiceProcess A => _instances[0];

    private ServiceProcess B => _instances[1];

    /// <summary>Both at once on a fresh database, as a deploy of several instances starts them.</summary>
    public async Task InitializeAsync() => _instances = await Task.WhenAll(StartAsync(), StartAsync());

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _database.Dispose();
    }

    [Fact]
    public async Task ALinkCreatedOnOneInstanceIsFollowedAndCountedOnTheOther()
    {
        var code = (await A.Client.CreateLinkAsync(new { url = "https://example.com/made-on-a" })).Code();

        foreach (var _ in Enumerable.Range(0, 3))
        {
            var redirect = await B.Client.GetAsync($"/{code}");
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal("https://example.com/made-on-a", redirect.Headers.Location?.OriginalString);
        }

        // A graceful stop writes the clicks B still holds, as a rolling deploy stops an instance.
        Assert.Equal(0, await B.StopAsync());
        var details = await A.Client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
        Assert.Equal(3, details.GetProperty("clicks").GetInt64());
        var recent = await A.Client.GetFromJsonAsync<JsonElement>("/api/urls/recent");
        Assert.Equal(code, recent[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnAliasAskedForOnBothInstancesAtOnceGoesToExactlyOne()
    {
        var attempts = await Task.WhenAll(
            _instances.SelectMany(instance => Enumerable.Range(0, 4).Select(i =>
                instance.Client.PostAsJsonAsync("/api/urls", new { url = $"https://example.com/race/{i}", alias = "contested" }))));

        Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var winner = await attempts.Single(r => r.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonElement>();
        foreach (var instance in _instances)
        {
            var redirect = await instance.Client.GetAsync("/contested");
            Assert.Equal(winner.GetProperty("url").GetString(), redirect.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task AliasesAskedForOnBothInstancesInOppositeOrdersEachGoToExactlyOneAndNoCreateFails()
    {
        // Each instance groups the creates that arrive together into one transaction; in the order they came, two such
        // transactions could each hold an alias the other waits for, and PostgreSQL would fail one whole batch (503).
        for (var round = 0; round < 25; round++)
        {
            var aliases = Enumerable.Range(0, 12).Select(i => $"both-{round}-{i}").ToList();
            var attempts = await Task.WhenAll(
                aliases.Select(alias => A.Client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/from-a", alias, tags = new[] { $"t{alias.Length % 3}" } }))
                    .Concat(Enumerable.Reverse(aliases).Select(alias => B.Client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/from-b", alias, tags = new[] { $"t{alias.Length % 3}" } }))));

            Assert.All(attempts, r => Assert.True(
                r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"round {round}: {(int)r.StatusCode} {r.Content.ReadAsStringAsync().Result}"));
            foreach (var alias in aliases)
            {
                Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.Created && r.Headers.Location!.OriginalString.EndsWith("/" + alias, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task AnAliasCreatedOnOneInstanceIsServedByAnotherThatFoundItMissingOnceTheMissIsForgotten()
    {
        // B looks first and remembers the miss, as it does for a scanner's guesses; it has done so by the time it answers.
        Assert.Equal(HttpStatusCode.NotFound, (await B.Client.GetAsync("/arrives-late")).StatusCode);
        var missedAt = Stopwatch.StartNew();

        await A.Client.CreateLinkAsync(new { url = "https://example.com/arrived", alias = "arrives-late" });

        // The API reads the database: B knows the link at once.
        Assert.Equal(HttpStatusCode.OK, (await B.Client.GetAsync("/api/urls/arrives-late")).StatusCode);
        // The redirect may answer from B's memory of the miss, but never for longer than its lifetime: the bounded
        // staleness the README states.
        var remaining = LinkCache.MissLifetime - missedAt.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        var redirect = await B.Client.GetAsync("/arrives-late");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("https://example.com/arrived", redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnEditOnOneInstanceReachesTheOthersCachedLinkAndADeleteToo()
    {
        var code = (await A.Client.CreateLinkAsync(new { url = "https://example.com/before-edit" })).Code();
        // B has the link in its cache now: without a notification it would redirect there for as long as it runs.
        Assert.Equal("https://example.com/before-edit", (await B.Client.GetAsync($"/{code}")).Headers.Location?.OriginalString);

        var edited = await A.Client.PatchLinkAsync(code, """{"url": "https://example.com/after-edit"}""");
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        // The notification crosses the database a moment after the commit: the wait is bounded, not timed.
        Assert.Equal("https://example.com/after-edit", await LocationOnceChangedAsync(B, code, "https://example.com/before-edit"));

        Assert.Equal(HttpStatusCode.NoContent, (await A.Client.DeleteLinkAsync(code)).StatusCode);
        Assert.Null(await LocationOnceChangedAsync(B, code, "https://example.com/after-edit"));
    }

    [Fact]
    public async Task InstancesStartingTogetherApplyEachMigrationOnce()
    {
        var migrations = StoreDialect.Postgres.MigrationsOfThisBuild();

        // Stopped gracefully, so each has flushed its log: between them, each migration was applied once.
        Assert.All(await Task.WhenAll(_instances.Select(s => s.StopAsync())), exitCode => Assert.Equal(0, exitCode));

        var applied = _instances
            .SelectMany(s => s.Output.Split('\n', StringSplitOptions.TrimEntries))
            .Where(line => line.Contains("Applied migration"))
            .Select(line => line.Split(' ')[^1]);
        Assert.Equal(migrations.Select(m => m.FileName).Order(), applied.Order());
    }

    /// <summary>The published service on this test's database (the later arguments win over ServiceProcess's SQLite file).</summary>
    private Task<ServiceProcess> StartAsync() => ServiceProcess.StartAsync(
        Path.Combine(Path.GetTempPath(), "not-used-on-postgres.db"),
        "--ShortUrl:Database=Postgres",
        $"--ConnectionStrings:ShortUrl={_database.ConnectionString}",
        $"--ShortUrl:ApiKeys:0={LinkLifecycleRequests.ApiKeyHash}");

    /// <summary>The redirect's Location (null for no redirect) once it is no longer <paramref name="old"/>; fails after 10 s.</summary>
    private static async Task<string?> LocationOnceChangedAsync(ServiceProcess instance, string code, string old)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var location = (await instance.Client.GetAsync($"/{code}")).Headers.Location?.OriginalString;
            if (location != old || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                return location;
            }

            await Task.Delay(20);
        }
    }
}
