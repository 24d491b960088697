using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Links;

/// <summary>Real connections to the published service: TestServer runs requests in-process and hides socket-level concurrency.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class CreatingConcurrentlyOverSockets(RunningService service) : IClassFixture<RunningService>
{
    [Fact]
    public async Task OneHundredConcurrentCreatesOfOneAliasLetExactlyOneWinAndTheRestGet409()
    {
        using var client = Connections(100);
        using var start = new ManualResetEventSlim();

        var creates = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            start.Wait(TestContext.Timeout);
            return await client.PostAsJsonAsync("/api/urls", new { url = $"https://example.com/race/{i}", alias = "the-one-alias" });
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(creates);

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var loser in responses.Where(r => r != winner))
        {
            await ProblemAssert.IsProblemAsync(loser, 409);
        }

        var winningTarget = (await winner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();
        var redirect = await service.Process.Client.GetAsync("/the-one-alias");
        Assert.Equal(winningTarget, redirect.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AThousandCreatesOverSixtyFourConnectionsAllSucceedWithUniqueCodes()
    {
        const int creates = 1000;
        const int connections = 64;
        using var client = Connections(connections);
        var next = -1;
        var failures = new ConcurrentBag<string>();
        var links = new ConcurrentDictionary<string, string>();

        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < creates)
            {
                var url = $"https://example.com/load/{i}";
                using var response = await client.PostAsJsonAsync("/api/urls", new { url });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    failures.Add($"{(int)response.StatusCode} {body}");
                    continue;
                }

                var code = JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
                Assert.True(links.TryAdd(code, url), $"code {code} was handed out twice");
            }
        })));

        Assert.Empty(failures);
        Assert.Equal(creates, links.Count);
        await Task.WhenAll(links.Chunk(creates / connections + 1).Select(chunk => Task.Run(async () =>
        {
            foreach (var (code, url) in chunk)
            {
                using var redirect = await client.GetAsync($"/{code}");
                Assert.Equal(url, redirect.Headers.Location?.OriginalString);
            }
        })));
    }

    private HttpClient Connections(int count) => new(new SocketsHttpHandler { MaxConnectionsPerServer = count, AllowAutoRedirect = false })
    {
        BaseAddress = service.Process.BaseAddress,
        Timeout = TimeSpan.FromSeconds(60),
    };
}
