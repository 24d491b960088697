using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ShortUrl.Tests.Faults;

/// <summary>
/// Another process holds the SQLite file's write lock (a backup, the sqlite3 shell, a second instance) for longer than a
/// write waits for it, on the published service: each write answers 503 naming the lock within seconds, instead of
/// waiting for SQLite's busy handler and then Microsoft.Data.Sqlite's own retries (over a minute for some writes);
/// reads, redirects and health answer meanwhile, nothing is half done, and writes work again once the lock is gone.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class LockingTheDatabaseFromAnotherProcess : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-locked-").FullName;

    private string DatabasePath => Path.Combine(_folder, "shorturl.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EachWriteAnswers503NamingTheLockWithinSecondsAndNothingIsHalfDone()
    {
        await using var service = await ServiceProcess.StartAsync(DatabasePath, "--ShortUrl:ApiKeys:0=" + LinkLifecycleRequests.ApiKeyHash);
        var client = service.Client;
        var (edited, deleted) = ("locked-edited", "locked-deleted");
        await client.CreateLinkAsync(new { url = "https://example.com/locked/edited", alias = edited, title = "Before" });
        await client.CreateLinkAsync(new { url = "https://example.com/locked/deleted", alias = deleted });

        await using (var otherProcess = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await otherProcess.OpenAsync();
            await ExecuteAsync(otherProcess, "BEGIN EXCLUSIVE; UPDATE urls SET title = title WHERE code = 'locked-edited';");

            var clock = Stopwatch.StartNew();
            var writes = await Task.WhenAll(
                client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/locked/new", alias = "locked-new" }),
                client.PatchLinkAsync(edited, """{"title": "After"}"""),
                client.DeleteLinkAsync(deleted),
                client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/urls/import")
                {
                    Content = new StringContent("url,alias\nhttps://example.com/locked/imported,locked-imported\n", System.Text.Encoding.UTF8, "text/csv"),
                }.WithKey(TestKeys.Admin)));
            var writesTook = clock.Elapsed;
            clock.Restart();
            using var ready = await client.GetAsync("/health/ready");
            var readyTook = clock.Elapsed;

            foreach (var write in writes)
            {
                var request = $"{write.RequestMessage!.Method} {write.RequestMessage.RequestUri!.AbsolutePath}";
                Assert.True(write.StatusCode == HttpStatusCode.ServiceUnavailable, $"{request} answered {(int)write.StatusCode}");
                Assert.Equal("2", write.Headers.GetValues("Retry-After").Single());
                var problem = await ProblemAssert.IsProblemAsync(write, 503);
                Assert.Contains("locked by another writer", problem.GetProperty("detail").GetString());
            }

            // Each write waits up to 3 s for the lock, one after another; without a bound of their own they took 40 s to
            // over a minute each.
            Assert.True(writesTook < TimeSpan.FromSeconds(30), $"The four writes took {writesTook.TotalSeconds:F1} s to answer");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.True(readyTook < TimeSpan.FromSeconds(10), $"/health/ready took {readyTook.TotalSeconds:F1} s to answer");
            var readyProblem = await ready.Content.ReadAsStringAsync();
            Assert.True(readyProblem.Contains("locked by another writer", StringComparison.Ordinal)
                || readyProblem.Contains("did not take a write within", StringComparison.Ordinal), $"/health/ready named no cause: {readyProblem}");
            using var redirect = await client.GetAsync($"/{edited}");
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);

            await ExecuteAsync(otherProcess, "ROLLBACK;");
        }

        var details = await client.GetFromJsonAsync<JsonElement>($"/api/urls/{edited}");
        Assert.Equal("Before", details.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/urls/{deleted}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/urls/locked-new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/urls/locked-imported")).StatusCode);
        using var created = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/locked/new", alias = "locked-new" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task AStopWhileTheLockStaysSaysThatTheVisitsNotYetWrittenAreLost()
    {
        var service = await ServiceProcess.StartAsync(DatabasePath);
        await using (service)
        {
            var code = (await service.Client.CreateLinkAsync("https://example.com/locked/visited")).Code();
            await using var otherProcess = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
            await otherProcess.OpenAsync();
            await ExecuteAsync(otherProcess, "BEGIN EXCLUSIVE; UPDATE urls SET title = title;");
            for (var i = 0; i < 3; i++)
            {
                using var redirect = await service.Client.GetAsync($"/{code}");
                Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            }

            Assert.Equal(0, await service.StopAsync());
        }

        Assert.Contains("Stopping with 3 visits the database did not take in 5 attempts: their clicks are lost", service.Output);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
