using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Faults;

/// <summary>
/// Redirects and creates sent to a service process by a few workers while a test breaks its database under it, and
/// what came back: every status seen, every link answered <c>201</c>, and every redirect served per link. Bounded in
/// requests and time; a request the service did not answer at all counts as a wrong answer.
/// </summary>
public sealed class FaultLoad : IAsyncDisposable
{
    private const int Workers = 4;
    private const int MaxRequestsPerWorker = 5_000;

    private readonly HttpClient _client;
    private readonly string _name;
    private readonly ConcurrentDictionary<string, string> _known;
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(45));
    private readonly List<Task> _workers;

    private FaultLoad(HttpClient client, string name, IReadOnlyDictionary<string, string> known)
    {
        _client = client;
        _name = name;
        _known = new(known);
        _workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(() => RunAsync(worker))).ToList();
    }

    /// <summary>Links answered <c>201</c> during the load: code and target.</summary>
    public ConcurrentDictionary<string, string> Created { get; } = new();

    /// <summary>Redirects (<c>302</c>, each a click) served per link.</summary>
    public ConcurrentDictionary<string, int> Redirects { get; } = new();

    /// <summary>How many answers of each status, creates and redirects apart: "POST 201", "GET 302", "POST 503".</summary>
    public ConcurrentDictionary<string, int> Statuses { get; } = new();

    /// <summary>Answers the contract does not allow under a fault: a 500, a 503 without Retry-After, a wrong Location, no answer.</summary>
    public ConcurrentBag<string> Wrong { get; } = [];

    /// <summary>
    /// Starts the load over <paramref name="known"/> links (code and target), which it follows, and the links it creates,
    /// which it follows too once answered. <paramref name="name"/> keeps its targets apart from another load's.
    /// </summary>
    public static FaultLoad Start(HttpClient client, string name, IReadOnlyDictionary<string, string> known) => new(client, name, known);

    /// <summary>Stops the workers and waits for their last requests.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    /// <summary>Counts a redirect the test served itself, beside the load.</summary>
    public void CountRedirect(string code) => Redirects.AddOrUpdate(code, 1, (_, n) => n + 1);

    public int Count(string methodAndStatus) => Statuses.GetValueOrDefault(methodAndStatus);

    public string Summary() => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))
        + (Wrong.IsEmpty ? "" : "\nwrong: " + string.Join("\n", Wrong.Take(10)));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync(int worker)
    {
        var random = new Random(worker);
        for (var i = 0; i < MaxRequestsPerWorker && !_stop.IsCancellationRequested; i++)
        {
            try
            {
                if (i % 4 == 0)
                {
                    await CreateAsync($"https://example.com/{_name}/{worker}/{i}");
                }
                else
                {
                    var codes = _known.Keys.ToArray();
                    await FollowAsync(codes[random.Next(codes.Length)]);
                }

                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    // Requests are never cancelled by the stop: one cut off after the service served it would be a click the test
    // did not count. The client's own timeout bounds them.
    private async Task CreateAsync(string url)
    {
        try
        {
            using var response = await _client.PostAsJsonAsync("/api/urls", new { url });
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            Statuses.AddOrUpdate($"POST {status}", 1, (_, n) => n + 1);
            if (status == 201)
            {
                var code = JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
                Created[code] = url;
                _known[code] = url;
            }
            else if (status != 503 || !response.Headers.Contains("Retry-After"))
            {
                Wrong.Add($"POST {url}: {status} {body}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Wrong.Add($"POST {url}: no answer ({e.Message})");
        }
    }

    private async Task FollowAsync(string code)
    {
        try
        {
            using var response = await _client.GetAsync($"/{code}");
            var status = (int)response.StatusCode;
            Statuses.AddOrUpdate($"GET {status}", 1, (_, n) => n + 1);
            if (response.StatusCode == HttpStatusCode.Found && response.Headers.Location?.OriginalString == _known[code])
            {
                Redirects.AddOrUpdate(code, 1, (_, n) => n + 1);
            }
            else
            {
                Wrong.Add($"GET /{code}: {status} {response.Headers.Location} {await response.Content.ReadAsStringAsync()}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Wrong.Add($"GET /{code}: no answer ({e.Message})");
        }
    }
}
