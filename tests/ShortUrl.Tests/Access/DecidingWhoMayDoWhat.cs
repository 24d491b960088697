using System.Net.Http.Json;
using System.Text;

namespace ShortUrl.Tests.Access;

/// <summary>
/// Every endpoint, in each anonymous mode, for each kind of caller: the status it answers. The link asked about is
/// alice's (an author), made fresh for each case; bob is another author; the admin key is a bare hash in the
/// configuration.
/// </summary>
public sealed class DecidingWhoMayDoWhat(DecidingWhoMayDoWhat.Services services) : IClassFixture<DecidingWhoMayDoWhat.Services>
{
    private static readonly string[] Modes = ["CreateAndList", "Create", "None"];

    private static readonly Dictionary<string, string?> Callers = new()
    {
        ["anonymous"] = null,
        ["alice (the owner)"] = TestKeys.Alice,
        ["bob (another author)"] = TestKeys.Bob,
        ["the admin"] = TestKeys.Admin,
        ["a wrong key"] = TestKeys.Wrong,
    };

    /// <summary>
    /// The expected statuses, per mode (CreateAndList | Create | None), for anonymous, the owner, another author, the
    /// admin and a wrong key, in that order.
    /// </summary>
    private static readonly (string Endpoint, string Statuses)[] Table =
    [
        ("POST /api/urls",                  "201 201 201 201 403 | 201 201 201 201 403 | 401 201 201 201 403"),
        ("GET /api/urls/recent",            "200 200 200 200 403 | 401 200 200 200 403 | 401 200 200 200 403"),
        ("GET /api/urls?q={code}",          "200 200 200 200 403 | 401 200 200 200 403 | 401 200 200 200 403"),
        ("GET /api/urls/{code}",            "200 200 200 200 403 | 401 200 403 200 403 | 401 200 403 200 403"),
        ("GET /api/urls/{protected}",       "401 200 403 200 403 | 401 200 403 200 403 | 401 200 403 200 403"),
        ("GET /api/urls/{code}/stats",      "200 200 200 200 403 | 401 200 403 200 403 | 401 200 403 200 403"),
        ("GET /api/urls/{protected}/stats", "401 200 403 200 403 | 401 200 403 200 403 | 401 200 403 200 403"),
        ("PATCH /api/urls/{code}",          "401 200 403 200 403 | 401 200 403 200 403 | 401 200 403 200 403"),
        ("DELETE /api/urls/{code}",         "401 204 403 204 403 | 401 204 403 204 403 | 401 204 403 204 403"),
        ("GET /api/urls/export",            "401 200 200 200 403 | 401 200 200 200 403 | 401 200 200 200 403"),
        ("POST /api/urls/import",           "401 200 200 200 403 | 401 200 200 200 403 | 401 200 200 200 403"),
        ("GET /api/access",                 "200 200 200 200 403 | 200 200 200 200 403 | 200 200 200 200 403"),
        ("GET /api/tags",                   "200 200 200 200 403 | 401 200 200 200 403 | 401 200 200 200 403"),
        ("PUT /api/tags/{tag}",             "401 403 403 200 403 | 401 403 403 200 403 | 401 403 403 200 403"),
        ("DELETE /api/tags/{tag}",          "401 403 403 204 403 | 401 403 403 204 403 | 401 403 403 204 403"),
        ("GET /{code}",                     "302 302 302 302 302 | 302 302 302 302 302 | 302 302 302 302 302"),
        ("GET /{code}+",                    "200 200 200 200 200 | 200 200 200 200 200 | 200 200 200 200 200"),
        ("GET /{code}/qr",                  "200 200 200 200 200 | 200 200 200 200 200 | 200 200 200 200 200"),
        ("GET /",                           "200 200 200 200 200 | 200 200 200 200 200 | 200 200 200 200 200"),
    ];

    public static TheoryData<string, string, string, int> Cases()
    {
        var cases = new TheoryData<string, string, string, int>();
        foreach (var (endpoint, statuses) in Table)
        {
            var byMode = statuses.Split('|', StringSplitOptions.TrimEntries);
            for (var m = 0; m < Modes.Length; m++)
            {
                var byCaller = byMode[m].Split(' ');
                var c = 0;
                foreach (var caller in Callers.Keys)
                {
                    cases.Add(Modes[m], endpoint, caller, int.Parse(byCaller[c++]));
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachEndpointAnswersEachCallerInEachModeAsTheTableSays(string mode, string endpoint, string caller, int expected)
    {
        var client = services.ClientIn(mode);
        var isProtected = endpoint.Contains("{protected}");
        // A tag of this case's own, on alice's link: renaming or deleting it touches no other case.
        var tag = $"matrix-{Guid.NewGuid():N}"[..20];
        var code = await CreateAlicesLinkAsync(client, isProtected, tag);
        var path = endpoint[(endpoint.IndexOf(' ') + 1)..].Replace("{code}", code).Replace("{protected}", code).Replace("{tag}", tag);
        var request = new HttpRequestMessage(new HttpMethod(endpoint[..endpoint.IndexOf(' ')]), path).WithKey(Callers[caller]);
        request.Content = endpoint switch
        {
            "POST /api/urls" => JsonContent.Create(new { url = $"https://example.com/matrix/{code}/another" }),
            "PATCH /api/urls/{code}" => new StringContent("""{"url": "https://example.com/matrix/changed"}""", Encoding.UTF8, "application/merge-patch+json"),
            "POST /api/urls/import" => new StringContent($$"""[{"url": "https://example.com/matrix/{{code}}/imported"}]""", Encoding.UTF8, "application/json"),
            "PUT /api/tags/{tag}" => new StringContent($$"""{"name": "{{tag}}-renamed"}""", Encoding.UTF8, "application/json"),
            _ => null,
        };

        var response = await client.SendAsync(request);

        Assert.True(expected == (int)response.StatusCode,
            $"{endpoint} by {caller} in {mode}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (expected is 401 or 403)
        {
            await ProblemAssert.IsProblemAsync(response, expected);
        }
    }

    private static async Task<string> CreateAlicesLinkAsync(HttpClient client, bool isProtected, string tag)
    {
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/urls").WithKey(TestKeys.Alice);
        create.Content = isProtected
            ? JsonContent.Create(new { url = "https://example.com/matrix/alice", password = "alice's secret", tags = new[] { tag } })
            : JsonContent.Create(new { url = "https://example.com/matrix/alice", tags = new[] { tag } });
        var created = await client.SendAsync(create);
        return (await CreateRequests.LinkAsync(created)).Code();
    }

    /// <summary>One service per mode, each with the keys of <see cref="TestKeys"/>.</summary>
    public sealed class Services : IDisposable
    {
        private readonly Dictionary<string, (ShortUrlFactory Factory, HttpClient Client)> _byMode = Modes.ToDictionary(
            mode => mode,
            mode =>
            {
                var factory = ShortUrlFactory.WithSettings([.. TestKeys.Settings, ("ShortUrl:Anonymous", mode)]);
                return (factory, factory.CreateClient());
            });

        public HttpClient ClientIn(string mode) => _byMode[mode].Client;

        public void Dispose()
        {
            foreach (var (factory, _) in _byMode.Values)
            {
                factory.Dispose();
            }
        }
    }
}
