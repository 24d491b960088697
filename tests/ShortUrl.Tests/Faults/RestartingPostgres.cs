using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace ShortUrl.Tests.Faults;

/// <summary>
/// The PostgreSQL server stopped under redirect and create load and started again, on its own port or on another one
/// the connection string also names, on the published service: its connection pool must find the server again without
/// a restart of the service. Each test runs a cluster of its own (<see cref="PrivatePostgres"/>), so it runs once, in
/// the PostgreSQL pass, where the server binaries are.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Postgres)]
public sealed class RestartingPostgres(ITestOutputHelper output) : IAsyncLifetime
{
    private PrivatePostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PrivatePostgres.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    private static string[] OnPostgres(string connectionString) =>
        ["--ShortUrl:Database=Postgres", $"--ConnectionStrings:ShortUrl={connectionString}"];

    [Fact]
    public async Task StoppingPostgresMakesCreates503WhileRedirectsWorkAndStartingItAgainRecoversWithoutARestartKeepingEveryClick()
    {
        var settings = OnPostgres(_postgres.ConnectionString());
        Dictionary<string, int> redirects;
        Dictionary<string, string> created;
        await using (var service = await ServiceProcess.StartAsync("unused.db", settings))
        {
            var client = service.Client;
            var known = await FaultAssert.CreateLinksAsync(client, "pg-restart", 5);
            var load = FaultLoad.Start(client, "pg-restart", known);
            try
            {
                await Task.Delay(500);
                await StopPostgresUntilCreatesAnswer503Async(client);
                foreach (var (code, url) in known)
                {
                    using var redirect = await client.GetAsync($"/{code}");
                    Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
                    Assert.Equal(url, redirect.Headers.Location?.OriginalString);
                    load.CountRedirect(code);
                }

                await Task.Delay(3_000);
                await _postgres.StartAsync(_postgres.Port);
                await AwaitCreatesWorkingAgainAsync(client, "https://example.com/pg-restart/back", TimeSpan.FromSeconds(10), "was up again");
                await Task.Delay(500);
            }
            finally
            {
                await load.StopAsync();
            }

            AssertTheLoadMetTheOutage(load);
            Assert.True(load.Count("POST 201") > 0, "no create of the load worked: " + load.Summary());
            // The listener for other instances' edits tried again every second through the outage: one line for it
            // going, one for it coming back, not one a second.
            await Wait.UntilAsync(() => Task.FromResult(service.Output.Contains("Listening for link changes again", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(10), "the listener to say it listens again");
            Assert.Single(service.Output.Split('\n'), line => line.Contains("Lost the database's link-change notifications", StringComparison.Ordinal));
            Assert.Equal(0, await service.StopAsync());
            redirects = new(load.Redirects);
            created = new(load.Created);
        }

        // A service of its own reads what the stopped one left: the clicks kept in memory through the outage were written.
        await using var after = await ServiceProcess.StartAsync("unused.db", settings);
        await FaultAssert.NoCreatedLinkLostAsync(after.Client, created);
        await FaultAssert.ClicksEqualRedirectsAsync(after.Client, redirects);
    }

    [Fact]
    public async Task MovingPostgresToTheSecondHostOfTheConnectionStringRecoversCreatesWithoutARestart()
    {
        var first = _postgres.Port;
        var second = ServiceProcess.FreePort();
        var settings = OnPostgres($"Host=127.0.0.1:{first},127.0.0.1:{second};Username=postgres;Database=postgres");
        await using var service = await ServiceProcess.StartAsync("unused.db", settings);
        var client = service.Client;
        var known = await FaultAssert.CreateLinksAsync(client, "pg-failover", 5);
        var load = FaultLoad.Start(client, "pg-failover", known);
        try
        {
            await Task.Delay(500);
            await StopPostgresUntilCreatesAnswer503Async(client);
            await Task.Delay(1_000);
            await _postgres.StartAsync(second);
            await AwaitCreatesWorkingAgainAsync(client, "https://example.com/pg-failover/moved", TimeSpan.FromSeconds(20), "listened on the second host");
            await Task.Delay(500);
        }
        finally
        {
            await load.StopAsync();
        }

        AssertTheLoadMetTheOutage(load);
        await FaultAssert.NoCreatedLinkLostAsync(client, load.Created);
        await FaultAssert.ClicksEqualRedirectsAsync(client, load.Redirects);
    }

    private async Task StopPostgresUntilCreatesAnswer503Async(HttpClient client)
    {
        await _postgres.StopAsync();
        await Wait.UntilAsync(() => FaultAssert.CreateAnswers503NamingAsync(client, "PostgreSQL", "2"),
            TimeSpan.FromSeconds(10), "a create to answer 503 while no PostgreSQL server is up");
    }

    private async Task AwaitCreatesWorkingAgainAsync(HttpClient client, string url, TimeSpan within, string afterPostgres)
    {
        var recovering = Stopwatch.StartNew();
        await Wait.UntilAsync(async () => (await client.PostAsJsonAsync("/api/urls", new { url })).StatusCode == HttpStatusCode.Created,
            within, $"a create to work again once PostgreSQL {afterPostgres}");
        output.WriteLine($"Creates worked again {recovering.ElapsedMilliseconds} ms after PostgreSQL {afterPostgres}.");
    }

    /// <summary>Every answer of the load was one a client can act on, and some creates met the stopped server.</summary>
    private void AssertTheLoadMetTheOutage(FaultLoad load)
    {
        output.WriteLine(load.Summary());
        FaultAssert.AnsweredWell(load);
        Assert.True(load.Count("POST 503") > 0, "no create of the load met the stopped server: " + load.Summary());
    }
}
