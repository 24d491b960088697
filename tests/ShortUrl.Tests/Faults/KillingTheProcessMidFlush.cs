using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Faults;

/// <summary>
/// SIGKILL while redirects flow and the click writer flushes every interval, on the published service. The contract
/// (README, Durability): clicks the writer has written survive; those still in memory (the last interval's, and a
/// write in progress) are lost; a batch is one transaction, so a link's clicks and its visits never part. On SQLite,
/// and in the PostgreSQL pass on a database of its own there.
/// </summary>
public sealed class KillingTheProcessMidFlush : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-kill-flush-").FullName;
    private readonly PostgresTestDatabase? _postgres = TestPostgres.IsRunning ? TestPostgres.CreateDatabase() : null;

    private string DatabasePath => Path.Combine(_folder, "shorturl.db");

    /// <summary>In the PostgreSQL pass, the service on this test's database there instead of the SQLite file.</summary>
    private string[] Engine => _postgres is null
        ? []
        : ["--ShortUrl:Database=Postgres", $"--ConnectionStrings:ShortUrl={_postgres.ConnectionString}"];

    public void Dispose()
    {
        _postgres?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task WrittenClicksSurviveASigkillMidFlushAndNoLinkEndsWithMoreClicksThanRedirectsOrClicksApartFromVisits()
    {
        const int written = 10;
        Dictionary<string, string> known;
        FaultLoad load;
        await using (var service = await ServiceProcess.StartAsync(DatabasePath, Engine))
        {
            known = await FaultAssert.CreateLinksAsync(service.Client, "kill", 20);
            foreach (var code in known.Keys)
            {
                for (var i = 0; i < written; i++)
                {
                    (await service.Client.GetAsync($"/{code}")).Dispose();
                }
            }

            // Acknowledged: the writer has put them in the database, as the details (read from it) show.
            await FaultAssert.ClicksEqualRedirectsAsync(service.Client, known.Keys.ToDictionary(code => code, _ => written));
            load = FaultLoad.Start(service.Client, "kill", known);
            await Task.Delay(1_500);
            await service.KillAsync();
            await load.StopAsync();
        }

        Assert.True(load.Redirects.Values.Sum() > 0, "no redirect was served before the kill: " + load.Summary());
        await using var restarted = await ServiceProcess.StartAsync(DatabasePath, Engine);
        foreach (var code in known.Keys)
        {
            var clicks = await restarted.Client.ClicksAsync(code);
            var served = written + load.Redirects.GetValueOrDefault(code);
            Assert.True(clicks >= written && clicks <= served, $"{code}: {clicks} clicks after the kill; {written} written before, {served} served");
            var visits = (await restarted.Client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats")).GetProperty("range").GetProperty("clicks").GetInt64();
            Assert.Equal(clicks, visits);
        }

        await FaultAssert.NoCreatedLinkLostAsync(restarted.Client, load.Created);
    }
}
