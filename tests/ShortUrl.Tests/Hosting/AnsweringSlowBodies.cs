using System.Net.Http.Json;
using ShortUrl.Links;
using ShortUrl.Tests.Peers;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// A body sent more slowly than Kestrel's minimum data rate, on a real connection (TestServer has no such rate): every
/// endpoint that reads a body answers 408 with a problem and changes nothing, and the log gets no failure, where the
/// read's exception used to be a 500 with a stack trace.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class AnsweringSlowBodies(PeerService service) : IClassFixture<PeerService>
{
    private const string Key = PeerService.AdminKey;

    [Fact]
    public async Task ABodySentTooSlowlyIsAnswered408ByEveryEndpointThatReadsOneAndNothingIsStoredOrLoggedAsAFailure()
    {
        var client = service.Process.Client;
        using (var protectedLink = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/slow-secret", alias = "slow-secret", password = "pw" }))
        {
            protectedLink.EnsureSuccessStatusCode();
        }

        string[] requestHeads =
        [
            "POST /api/urls HTTP/1.1\r\nContent-Type: application/json",
            "POST /api/urls HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
            $"PATCH /api/urls/slow-secret HTTP/1.1\r\nContent-Type: application/merge-patch+json\r\nX-Api-Key: {Key}",
            "POST /slow-secret HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
            $"POST /api/urls/import HTTP/1.1\r\nContent-Type: text/csv\r\nX-Api-Key: {Key}",
            $"PUT /api/tags/slow HTTP/1.1\r\nContent-Type: application/json\r\nX-Api-Key: {Key}",
            "POST /yourls-api.php HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded",
            $"POST /rest/v3/short-urls HTTP/1.1\r\nContent-Type: application/json\r\nX-Api-Key: {Key}",
            $"POST /api/v2/links HTTP/1.1\r\nContent-Type: application/json\r\nX-API-KEY: {Key}",
            $"POST /v4/shorten HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: Bearer {Key}",
        ];

        var answers = await Task.WhenAll(requestHeads.Select(head => RawHttp.SendBodySlowlyAsync(service.Process.BaseAddress, head)));

        Assert.All(answers.Zip(requestHeads), pair =>
        {
            var (answer, head) = pair;
            Assert.True(answer.Status == 408, $"{head.Split("\r\n")[0]} answered {answer.Status}:\n{answer.Head}\n{answer.Body}");
            Assert.Contains("application/problem+json", answer.Header("Content-Type"));
            Assert.Contains("The request body arrived too slowly", answer.Body);
        });
        var links = await client.GetFromJsonAsync<List<LinkResponse>>("/api/urls/recent?limit=100");
        Assert.Equal("slow-secret", Assert.Single(links!).Code);
        Assert.DoesNotContain("fail:", service.Process.Output);
        Assert.DoesNotContain("Exception", service.Process.Output);
    }
}
