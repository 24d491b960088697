using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Clicks;

/// <summary>
/// The click writer on the published service, left to itself: every other click test forces the write
/// (<c>FlushClicksAsync</c>) or stops the service. Clicks reach the database every
/// <c>ShortUrl:ClickWriteIntervalMilliseconds</c> without anyone asking, so a crash that comes later loses none of them;
/// a write the database refuses is kept and tried again; and redirects never wait for, or fail because of, a click.
/// The database refuses click writes here through a trigger the test puts in it, which fails each at once until the
/// test drops it (another connection holding SQLite's write lock refuses them too, but each write then waits out the
/// busy timeouts, some 40 s).
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed partial class WritingClicks : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-clicks-").FullName;

    private string DatabasePath => Path.Combine(_folder, "shorturl.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ClicksAreWrittenOnTheirOwnAndSurviveASigkillLaterWithNoFlushAndNoStop()
    {
        const int clicksPerLink = 25;
        var codes = new List<string>();

        await using (var service = await ServiceProcess.StartAsync(DatabasePath))
        {
            for (var i = 0; i < 3; i++)
            {
                codes.Add((await service.Client.CreateLinkAsync($"https://example.com/on-time/{i}")).Code());
            }

            foreach (var code in codes)
            {
                await FollowAsync(service, code, clicksPerLink);
            }

            // The details read the database, and nothing here flushes or stops the service: only the writer's timer can
            // put the clicks there. Once they are there, the kill comes at least one write interval after the clicks.
            await Wait.UntilAsync(
                async () => (await Task.WhenAll(codes.Select(code => service.Client.ClicksAsync(code)))).All(c => c == clicksPerLink),
                TimeSpan.FromSeconds(60), "the timed write to count every click");
            await service.KillAsync();
        }

        await using var restarted = await ServiceProcess.StartAsync(DatabasePath);
        foreach (var code in codes)
        {
            Assert.Equal(clicksPerLink, await restarted.Client.ClicksAsync(code));
            Assert.Equal(clicksPerLink, await VisitsAsync(restarted, code));
        }
    }

    [Fact]
    public async Task AClickWriteTheDatabaseRefusesIsKeptAndRetriedUntilEveryClickIsCountedOnce()
    {
        await using var service = await ServiceProcess.StartAsync(DatabasePath);
        var busy = (await service.Client.CreateLinkAsync("https://example.com/refused/busy")).Code();
        var quiet = (await service.Client.CreateLinkAsync("https://example.com/refused/quiet")).Code();

        await RefuseClickWritesAsync();
        await FollowAsync(service, busy, times: 20);
        await FollowAsync(service, quiet, times: 10);
        await WaitForFailedWritesAsync(service, 2);
        // Clicks that come while the writer holds a failed batch go into its retries.
        await FollowAsync(service, busy, times: 5);
        await WaitForFailedWritesAsync(service, FailedWrites(service) + 2);
        Assert.Equal(0, await service.Client.ClicksAsync(busy));
        Assert.Equal(0, await service.Client.ClicksAsync(quiet));
        await AcceptClickWritesAsync();

        await Wait.UntilAsync(async () => await service.Client.ClicksAsync(busy) >= 25 && await service.Client.ClicksAsync(quiet) >= 10,
            TimeSpan.FromSeconds(60), "the kept clicks to be written once the database took writes again");
        // One more write after the retry: a writer that kept the batch it had written would count it again now.
        await FollowAsync(service, quiet, times: 1);
        await Wait.UntilAsync(async () => await service.Client.ClicksAsync(quiet) >= 11, TimeSpan.FromSeconds(60), "the next write");

        Assert.Equal(25, await service.Client.ClicksAsync(busy));
        Assert.Equal(11, await service.Client.ClicksAsync(quiet));
        Assert.Equal(25, await VisitsAsync(service, busy));
        Assert.Equal(11, await VisitsAsync(service, quiet));
    }

    [Fact]
    public async Task RedirectsKeepAnswering302WhileTheDatabaseRefusesClickWrites()
    {
        await using var service = await ServiceProcess.StartAsync(DatabasePath);
        var code = (await service.Client.CreateLinkAsync("https://example.com/refused/followed")).Code();

        await RefuseClickWritesAsync();
        // Following the link all along, from before the first failed write until the writer has failed and retried a few times.
        var following = Stopwatch.StartNew();
        for (var redirects = 0; redirects < 200 || FailedWrites(service) < 5; redirects++)
        {
            Assert.True(following.Elapsed < TimeSpan.FromSeconds(60) && redirects < 500_000,
                $"{redirects} redirects in {following.Elapsed.TotalSeconds:F0} s and not five failed click writes:\n{service.Output}");
            using var redirect = await service.Client.GetAsync($"/{code}");
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal("https://example.com/refused/followed", redirect.Headers.Location?.OriginalString);
        }

        // None of them was written: every write of clicks failed all along.
        Assert.Equal(0, await service.Client.ClicksAsync(code));
    }

    /// <summary>From now on every write of clicks fails, as a full disk or a broken file would fail it, until <see cref="AcceptClickWritesAsync"/>.</summary>
    private Task RefuseClickWritesAsync() => ExecuteAsync(
        "CREATE TRIGGER refuse_click_writes BEFORE INSERT ON link_clicks BEGIN SELECT RAISE(ABORT, 'the test refuses click writes'); END");

    private Task AcceptClickWritesAsync() => ExecuteAsync("DROP TRIGGER refuse_click_writes");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static Task WaitForFailedWritesAsync(ServiceProcess service, int failures) => Wait.UntilAsync(
        () => Task.FromResult(FailedWrites(service) >= failures), TimeSpan.FromSeconds(60), $"{failures} failed click writes");

    /// <summary>How many click writes the service has logged as failed (and kept to retry).</summary>
    private static int FailedWrites(ServiceProcess service) => FailedWrite().Count(service.Output);

    private static async Task FollowAsync(ServiceProcess service, string code, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var redirect = await service.Client.GetAsync($"/{code}");
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        }
    }

    /// <summary>The link's visits of the last days, from the visits table (the stats), written with the counts.</summary>
    private static async Task<long> VisitsAsync(ServiceProcess service, string code) =>
        (await service.Client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}/stats")).GetProperty("range").GetProperty("clicks").GetInt64();

    [GeneratedRegex(@"Could not write [1-9][0-9]* visits")]
    private static partial Regex FailedWrite();
}
