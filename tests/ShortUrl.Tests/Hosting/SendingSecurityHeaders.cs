using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Hosting;
using ShortUrl.Storage;
using ShortUrl.Storage.Migrations;
namespace ShortUrl.Tests.Hosting;

public sealed partial class SendingSecurityHeaders(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> EveryKindOfResponse => new()
    {
        { "GET", "/" },
        { "GET", "/app.js" },
        { "GET", "/app.css" },
        { "GET", "/health" },
        { "GET", "/api/urls/recent" },
        { "GET", "/api/urls/recent?limit=0" },
        { "GET", "/api/urls/nosuchcode" },
        { "GET", "/nosuchcode" },
        { "GET", "/no/such/path" },
        { "DELETE", "/api/urls" },
        { "POST", "/api/urls" },
        { "GET", "/swagger/index.html" },
        { "GET", "/swagger/v1/swagger.json" },
    };

    [Theory]
    [MemberData(nameof(EveryKindOfResponse))]
    public async Task EveryResponseForbidsSniffingFramingAndReferrers(string method, string path)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Contains(Header(response, "Referrer-Policy"), new[] { "no-referrer", "strict-origin-when-cross-origin" });
        // The exact policies, and that no Server header is sent (TestServer never adds one), are in SendingHeadersOnTheWire.
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/urls/recent")]
    [InlineData("/api/urls/nosuchcode")]
    [InlineData("/swagger/index.html")]
    public async Task ThePageTheApiAndTheDocsSendNoReferrer(string path) =>
        Assert.Equal("no-referrer", Header(await _client.GetAsync(path), "Referrer-Policy"));

    [Fact]
    public async Task ThePageAndEveryOtherHtmlResponseGetThePagePolicyExactly()
    {
        const string policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
        var notFound = new HttpRequestMessage(HttpMethod.Get, "/nosuchcode");
        notFound.Headers.Accept.ParseAdd("text/html");

        Assert.Equal(policy, Header(await _client.GetAsync("/"), "Content-Security-Policy"));
        var notFoundPage = await _client.SendAsync(notFound);
        Assert.Equal("text/html", notFoundPage.Content.Headers.ContentType?.MediaType);
        Assert.Equal(policy, Header(notFoundPage, "Content-Security-Policy"));
    }

    [Fact]
    public async Task ThePageNeedsNothingItsPolicyForbids()
    {
        var html = await _client.GetStringAsync("/");

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
        Assert.DoesNotMatch(ForeignSource(), html);
    }

    [Fact]
    public async Task SwaggerUiRunsUnderItsOwnPolicyWithOnlyItsOwnScripts()
    {
        var page = await _client.GetAsync("/swagger/index.html");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(SecurityHeaders.SwaggerPolicy, Header(page, "Content-Security-Policy"));
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(ForeignSource(), html);
        foreach (Match script in ScriptSource().Matches(html))
        {
            var source = new Uri(new Uri("http://localhost/swagger/index.html"), script.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(source.PathAndQuery)).StatusCode);
        }
    }

    [Fact]
    public async Task ARedirectSendsTheTargetOnlyTheLinkingPagesOrigin()
    {
        var created = await _client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/referrer" });
        var code = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString();

        var redirect = await _client.GetAsync($"/{code}");

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("strict-origin-when-cross-origin", Header(redirect, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(redirect, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(redirect, "X-Frame-Options"));
    }

    [Fact]
    public async Task AnUnexpectedErrorIsAProblemWithTheHeadersAndNoStackTrace()
    {
        using var failing = factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<IUrlStore, BrokenStore>()));

        var response = await failing.CreateClient().GetAsync("/api/urls/recent");

        var problem = await ProblemAssert.IsProblemAsync(response, 500);
        Assert.DoesNotContain("BrokenStore", problem.ToString());
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\s(on[a-z]+|style)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();

    [GeneratedRegex(@"(src|href)\s*=\s*[""']?(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ForeignSource();

    [GeneratedRegex(@"<script[^>]*\ssrc=[""']([^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();

    /// <summary>A store whose every call fails, as a bug or a broken disk would make it.</summary>
    private sealed class BrokenStore : IUrlStore
    {
        private static Exception Broken() => new InvalidOperationException("BrokenStore: nothing works");

        public Task<Link?> TryCreateAsync(string code, string url, DateTime createdAt, LinkRules rules, CancellationToken cancellationToken) => throw Broken();
        public Task<Link?> UpdateAsync(string code, LinkChanges changes, CancellationToken cancellationToken) => throw Broken();
        public Task<bool> DeleteAsync(string code, CancellationToken cancellationToken) => throw Broken();
        public Task<bool> TryCountLimitedClickAsync(long linkId, CancellationToken cancellationToken) => throw Broken();
        public Task<Link?> FindAsync(string code, CancellationToken cancellationToken) => throw Broken();
        public ValueTask<LinkTarget?> FindTargetAsync(string code, CancellationToken cancellationToken) => throw Broken();
        public Task<long> CountLinksAsync(CancellationToken cancellationToken) => throw Broken();
        public Task<IReadOnlyList<PlainLink>> PlainLinksAfterAsync(long afterId, int limit, CancellationToken cancellationToken) => throw Broken();
        public Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken) => throw Broken();
        public Task AddClicksAsync(ClickBatch batch, CancellationToken cancellationToken) => throw Broken();
        public Task<long?> FoldClicksAsync(long afterId, int maxLinks, CancellationToken cancellationToken) => throw Broken();
        public Task<IReadOnlyList<DailyClicks>> ClicksByDayAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken) => throw Broken();
        public Task<IReadOnlyList<VisitorClicks>> ClicksByVisitorAsync(long linkId, long fromMinute, long toMinute, CancellationToken cancellationToken) =>
            throw Broken();
        public Task<long> BotClicksAsync(long linkId, CancellationToken cancellationToken) => throw Broken();
        public IAsyncEnumerable<ExportedLink> ExportAsync(CancellationToken cancellationToken) => throw Broken();
        public Task<IReadOnlyList<Link?>> ImportAsync(
            IReadOnlyList<ImportedLink> links, Func<string> newCode, DateTime createdAt, CancellationToken cancellationToken) => throw Broken();
        public Task<bool> CanConnectAsync(CancellationToken cancellationToken) => throw Broken();
        public Task<IReadOnlyList<AppliedMigration>> ReadMigrationHistoryAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<AppliedMigration>>([]);
        public Task<bool> ApplyMigrationAsync(Migration migration, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
