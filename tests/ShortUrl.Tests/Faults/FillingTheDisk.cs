using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Faults;

/// <summary>
/// SQLite on a file system that fills up under load (an 8 MB tmpfs of the test's own, filled with a filler file) and is
/// then freed, on the published service: creates answer 503 while it is full, redirects never stop, health says so,
/// and everything comes back by itself once there is room, the clicks served meanwhile included.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class FillingTheDisk
{
    [Fact]
    public async Task AFullDiskMakesCreates503AndHealthUnhealthyWhileRedirectsGoOnAndFreeingItRecoversWithoutARestart()
    {
        await using var disk = await SmallDisk.MountAsync(megabytes: 8);
        await using var service = await ServiceProcess.StartAsync(Path.Combine(disk.Folder, "shorturl.db"));
        var client = service.Client;
        var known = await FaultAssert.CreateLinksAsync(client, "full-disk", 5);
        var load = FaultLoad.Start(client, "full-disk", known);
        try
        {
            await Task.Delay(500);
            disk.Fill();
            Assert.True(disk.FreeBytes < 64 * 1024, $"{disk.FreeBytes} bytes still free after filling the disk");

            // SQLite may still write into room its files already hold; the next write that needs more fails.
            await Wait.UntilAsync(() => FaultAssert.CreateAnswers503NamingAsync(client, "disk under the SQLite database is full", "30"),
                TimeSpan.FromSeconds(20), "a create to answer 503 on the full disk");
            await Wait.UntilAsync(async () => await ReadyDetailAsync(client) is { } detail && detail.Contains("full", StringComparison.Ordinal),
                TimeSpan.FromSeconds(10), "/health/ready to say the disk is full");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            foreach (var (code, url) in known)
            {
                using var redirect = await client.GetAsync($"/{code}");
                Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
                Assert.Equal(url, redirect.Headers.Location?.OriginalString);
                load.CountRedirect(code);
            }

            await Task.Delay(1_000);
            disk.Free();
            await Wait.UntilAsync(async () => (await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/full-disk/freed" })).StatusCode == HttpStatusCode.Created,
                TimeSpan.FromSeconds(10), "a create to work again once the disk had room");
            await Wait.UntilAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(10), "/health/ready to be healthy again");
            await Task.Delay(500);
        }
        finally
        {
            await load.StopAsync();
        }

        FaultAssert.AnsweredWell(load);
        Assert.True(load.Count("POST 503") > 0, "no create of the load met the full disk: " + load.Summary());
        await FaultAssert.NoCreatedLinkLostAsync(client, load.Created);
        await FaultAssert.ClicksEqualRedirectsAsync(client, load.Redirects);
    }

    private static async Task<string?> ReadyDetailAsync(HttpClient client)
    {
        using var ready = await client.GetAsync("/health/ready");
        return ready.StatusCode == HttpStatusCode.ServiceUnavailable
            ? (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            : null;
    }
}
