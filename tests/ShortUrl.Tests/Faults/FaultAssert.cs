using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Faults;

/// <summary>What every fault test asserts once the fault is over: the answers, the links, the clicks.</summary>
public static class FaultAssert
{
    /// <summary>Only 2xx, 3xx and 503 with Retry-After came back, and each 302 went where its link goes.</summary>
    public static void AnsweredWell(FaultLoad load) =>
        Assert.True(load.Wrong.IsEmpty, "Answers the contract does not allow under a fault: " + load.Summary());

    /// <summary>Every link answered 201 redirects to its target and has its details: none was lost.</summary>
    public static async Task NoCreatedLinkLostAsync(HttpClient client, IReadOnlyDictionary<string, string> created)
    {
        Assert.NotEmpty(created);
        foreach (var (code, url) in created)
        {
            using var redirect = await client.GetAsync($"/api/urls/{code}");
            Assert.True(redirect.StatusCode == HttpStatusCode.OK, $"The link {code} answered 201 is gone: {(int)redirect.StatusCode}");
            Assert.Equal(url, (await redirect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString());
        }
    }

    /// <summary>
    /// Each link's click count, as the database has it, comes to exactly the redirects <paramref name="served"/>: waits
    /// (bounded) for the click writer to catch up, then asserts it counted each click once, none lost and none twice.
    /// </summary>
    public static async Task ClicksEqualRedirectsAsync(HttpClient client, IReadOnlyDictionary<string, int> served)
    {
        Assert.NotEmpty(served);
        var counted = new Dictionary<string, long>();
        await Wait.UntilAsync(async () =>
        {
            foreach (var (code, redirects) in served)
            {
                counted[code] = await client.ClicksAsync(code);
            }

            return served.All(link => counted[link.Key] >= link.Value);
        }, TimeSpan.FromSeconds(30), "the click counts to reach the redirects served: "
           + string.Join(", ", served.Select(link => $"{link.Key} {counted.GetValueOrDefault(link.Key)} of {link.Value}")));

        foreach (var (code, redirects) in served)
        {
            Assert.True(redirects == counted[code], $"{code}: {redirects} redirects served, {counted[code]} clicks counted");
        }
    }

    /// <summary>Creates <paramref name="count"/> links before the fault, for the load to follow: code and target.</summary>
    public static async Task<Dictionary<string, string>> CreateLinksAsync(HttpClient client, string name, int count)
    {
        var links = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            var url = $"https://example.com/{name}/before/{i}";
            links[(await client.CreateLinkAsync(url)).Code()] = url;
        }

        return links;
    }

    /// <summary>A create the database cannot take answers 503 with Retry-After and a problem naming <paramref name="cause"/>.</summary>
    public static async Task<bool> CreateAnswers503NamingAsync(HttpClient client, string cause, string retryAfter)
    {
        using var response = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/probe-during-fault" });
        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"A create during the fault answered {(int)response.StatusCode}");
            return false;
        }

        Assert.Equal(retryAfter, response.Headers.GetValues("Retry-After").Single());
        var problem = await ProblemAssert.IsProblemAsync(response, 503);
        Assert.Equal("Database unavailable", problem.GetProperty("title").GetString());
        Assert.Contains(cause, problem.GetProperty("detail").GetString());
        return true;
    }
}
