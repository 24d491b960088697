using System.Net;
using System.Text.Json;

namespace ShortUrl.Tests.Redirects;

/// <summary>Rules that cannot work are refused with a 400 problem naming 'rules', on create and on edit, and nothing is stored.</summary>
public sealed class RefusingBadRedirectRules(RefusingBadRedirectRules.Factory factory) : IClassFixture<RefusingBadRedirectRules.Factory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    public static TheoryData<string, string> BadRules => new()
    {
        { """[{"url": "https://example.com/x", "conditions": [{"type": "os", "value": "ios"}]}]""", "'os' is not a condition type" },
        { """[{"url": "https://example.com/x", "conditions": [{"value": "ios"}]}]""", "'type' is required" },
        { """[{"url": "https://example.com/x", "conditions": [{"type": "device", "value": "watch"}]}]""", "ios, android, desktop" },
        { """[{"url": "https://example.com/x", "conditions": [{"type": "language", "value": "not a tag"}]}]""", "language tag" },
        { """[{"url": "https://example.com/x", "conditions": [{"type": "query", "value": "1"}]}]""", "'name'" },
        { """[{"url": "https://example.com/x", "conditions": [{"type": "query", "name": "a"}]}]""", "'value'" },
        { """[{"url": "ftp://example.com/x", "conditions": [{"type": "device", "value": "ios"}]}]""", "Rule 1" },
        { """[{"url": "not a url", "conditions": [{"type": "device", "value": "ios"}]}]""", "Rule 1" },
        { """[{"conditions": [{"type": "device", "value": "ios"}]}]""", "Rule 1" },
        { """[{"url": "https://example.com/x", "conditions": []}]""", "at least one condition" },
        { """[{"url": "https://example.com/x"}]""", "at least one condition" },
        { """[null]""", "Rule 1 must be an object" },
        { TooMany(11), "at most 10 redirect rules" },
        { """[{"url": "https://example.com/x", "conditions": [{"type": "device", "value": "ios"}, {"type": "device", "value": "ios"}, {"type": "device", "value": "ios"}, {"type": "device", "value": "ios"}, {"type": "device", "value": "ios"}, {"type": "device", "value": "ios"}]}]""", "at most 5" },
        { "\"ios\"", "rules" },
        { """[{"url": "https://example.com/x", "conditions": [{"type": "device", "value": 1}]}]""", "rules" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task ACreateWithBadRulesIsRefused(string rules, string says)
    {
        var response = await _client.PostRawAsync($$"""{"url": "https://example.com/refused-rules", "rules": {{rules}}}""");

        var problem = await ProblemAssert.IsValidationProblemAsync(response, "rules");
        Assert.Contains(says, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task AnEditWithBadRulesIsRefusedAndKeepsTheOldOnes(string rules, string says)
    {
        var code = (await _client.CreateLinkAsync(new
        {
            url = "https://example.com/kept-rules",
            rules = new[] { new { url = "https://example.com/kept-ios", conditions = new[] { new { type = "device", value = "ios" } } } },
        })).Code();

        var response = await _client.PatchLinkAsync(code, $$"""{"rules": {{rules}}}""");

        var problem = await ProblemAssert.IsValidationProblemAsync(response, "rules");
        Assert.Contains(says == "rules" ? "" : says, problem.GetProperty("detail").GetString());
        var request = new HttpRequestMessage(HttpMethod.Get, $"/{code}");
        request.Headers.TryAddWithoutValidation("User-Agent", "iPhone");
        Assert.Equal("https://example.com/kept-ios", (await _client.SendAsync(request)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ARuleMayNotPointAtThisService()
    {
        var response = await _client.PostRawAsync(
            """{"url": "https://example.com/loop-rules", "rules": [{"url": "http://localhost/abc", "conditions": [{"type": "device", "value": "ios"}]}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await ProblemAssert.IsValidationProblemAsync(response, "rules");
    }

    private static string TooMany(int count) => JsonSerializer.Serialize(Enumerable.Range(0, count).Select(i =>
        new { url = $"https://example.com/{i}", conditions = new[] { new { type = "device", value = "ios" } } }));
}
