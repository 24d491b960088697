using System.Net;
using System.Net.Http.Json;

namespace ShortUrl.Tests.Faults;

/// <summary>
/// The SQLite file made read-only under load, on the published service. Tests run as root, whom no permission bit
/// stops, so the file, its WAL and their folder are made immutable (<c>chattr +i</c>), which stops root too, even
/// through files already open; then made writable again.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class MakingTheDatabaseReadOnly : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-read-only-").FullName;

    private string DatabasePath => Path.Combine(_folder, "shorturl.db");

    private string[] Frozen => [DatabasePath, DatabasePath + "-wal", _folder];

    public void Dispose()
    {
        Command.TryRunAsync("chattr", ["-i", .. Frozen]).GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AReadOnlyFileMakesWrites503WhileReadsAndRedirectsWorkAndWritableAgainRecoversWithoutARestart()
    {
        await using var service = await ServiceProcess.StartAsync(DatabasePath);
        var client = service.Client;
        var known = await FaultAssert.CreateLinksAsync(client, "read-only", 5);
        var load = FaultLoad.Start(client, "read-only", known);
        try
        {
            await Task.Delay(500);
            var (exitCode, output) = await Command.TryRunAsync("chattr", ["+i", .. Frozen]);
            Assert.True(exitCode == 0, $"This test makes the database file immutable, and chattr +i failed (running as {Environment.UserName}): {output}");

            // The first refused write may come back as an I/O error, the next ones as a read-only database: both 503, 30 s.
            await Wait.UntilAsync(() => FaultAssert.CreateAnswers503NamingAsync(client, "read-only", "30"),
                TimeSpan.FromSeconds(20), "a create to answer 503 naming the read-only file");
            await Wait.UntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(10), "/health/ready to be unhealthy");
            foreach (var (code, url) in known)
            {
                using var redirect = await client.GetAsync($"/{code}");
                Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
                Assert.Equal(url, redirect.Headers.Location?.OriginalString);
                load.CountRedirect(code);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/urls/{code}")).StatusCode);
            }

            await Task.Delay(1_000);
            await Command.RunAsync("chattr", ["-i", .. Frozen]);
            await Wait.UntilAsync(async () => (await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/read-only/writable" })).StatusCode == HttpStatusCode.Created,
                TimeSpan.FromSeconds(10), "a create to work again once the file was writable");
            await Wait.UntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(10), "/health/ready to be healthy again");
            await Task.Delay(500);
        }
        finally
        {
            await load.StopAsync();
            await Command.TryRunAsync("chattr", ["-i", .. Frozen]);
        }

        FaultAssert.AnsweredWell(load);
        Assert.True(load.Count("POST 503") > 0, "no create of the load met the read-only file: " + load.Summary());
        await FaultAssert.NoCreatedLinkLostAsync(client, load.Created);
        await FaultAssert.ClicksEqualRedirectsAsync(client, load.Redirects);
    }
}
