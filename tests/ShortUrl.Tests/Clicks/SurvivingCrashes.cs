using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Clicks;

/// <summary>The durability promise of the README, on the published service: killed, stopped and started again.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class SurvivingCrashes : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-crash-").FullName;

    private string DatabasePath => Path.Combine(_folder, "shorturl.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task EveryLinkAnswered201BeforeASigkillStillRedirectsAfterARestart()
    {
        const int workers = 8;
        const int killAfter = 300;
        var answered = new ConcurrentDictionary<string, string>();
        var serverErrors = new ConcurrentBag<string>();
        var enoughAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using (var service = await ServiceProcess.StartAsync(DatabasePath))
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var load = Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; i < 5_000 && !bound.IsCancellationRequested; i++)
                {
                    var url = $"https://example.com/crash/{worker}/{i}";
                    try
                    {
                        using var response = await service.Client.PostAsJsonAsync("/api/urls", new { url }, bound.Token);
                        var body = await response.Content.ReadAsStringAsync(bound.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            answered[JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!] = url;
                        }
                        else
                        {
                            serverErrors.Add($"{(int)response.StatusCode} {body}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
                    {
                        return; // the process is gone: whatever was in flight was never answered
                    }

                    if (answered.Count >= killAfter)
                    {
                        enoughAnswered.TrySetResult();
                    }
                }
            })).ToList();

            // Kill while all the workers are still sending, so requests are in flight at that moment.
            await enoughAnswered.Task.WaitAsync(bound.Token);
            await service.KillAsync();
            await Task.WhenAll(load);
        }

        Assert.Empty(serverErrors);
        Assert.True(answered.Count >= killAfter, $"only {answered.Count} links were created before the kill");
        await using var restarted = await ServiceProcess.StartAsync(DatabasePath);
        foreach (var (code, url) in answered)
        {
            using var redirect = await restarted.Client.GetAsync($"/{code}");
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal(url, redirect.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task ClicksCountedBeforeASigtermAreAllThereAfterARestart()
    {
        const int links = 5;
        const int clicksPerLink = 100;
        var codes = new List<string>();

        // A write interval of an hour: the timer never writes during the test, so only the shutdown's write can count them.
        await using (var service = await ServiceProcess.StartAsync(DatabasePath, "--ShortUrl:ClickWriteIntervalMilliseconds=3600000"))
        {
            for (var i = 0; i < links; i++)
            {
                var created = await service.Client.PostAsJsonAsync("/api/urls", new { url = $"https://example.com/clicks/{i}" });
                codes.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
            }

            // Every 302 is a click the service has counted; the last ones are still queued when SIGTERM arrives.
            var redirects = await Task.WhenAll(codes.SelectMany(code => Enumerable.Repeat(code, clicksPerLink))
                .Select(code => service.Client.GetAsync($"/{code}")));
            Assert.All(redirects, r => Assert.Equal(HttpStatusCode.Found, r.StatusCode));

            Assert.Equal(0, await service.StopAsync());
        }

        await using var restarted = await ServiceProcess.StartAsync(DatabasePath);
        foreach (var code in codes)
        {
            var link = await restarted.Client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}");
            Assert.Equal(clicksPerLink, link.GetProperty("clicks").GetInt64());
        }
    }
}
