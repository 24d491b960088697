using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Hosting;
using ShortUrl.Storage;
using ShortUrl.Storage.Migrations;
namespace ShortUrl.Tests.Hosting;

/// <summary>
/// What the policies rely on, in memory: the page and Swagger UI need nothing their policies forbid, and an unexpected
/// error still carries the headers. The exact headers of every kind of response are in <see cref="SendingHeadersOnTheWire"/>.
/// </summary>
public sealed partial class SendingSecurityHeaders(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

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
    public async Task SwaggerUiRunsOnlyItsOwnScripts()
    {
        // Its policy, exactly, is in SendingHeadersOnTheWire.
        var html = await _client.GetStringAsync("/swagger/index.html");

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(ForeignSource(), html);
        foreach (Match script in ScriptSource().Matches(html))
        {
            var source = new Uri(new Uri("http://localhost/swagger/index.html"), script.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(source.PathAndQuery)).StatusCode);
        }
    }

    [Fact]
    public async Task AnUnexpectedErrorIsAProblemWithTheHeadersAndNoStackTrace()
    {
        using var failing = factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<ILinkStore, BrokenStore>()));

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

    /// <summary>A link store whose every call fails, as a bug or a broken disk would make it.</summary>
    private sealed class BrokenStore : ILinkStore
    {
        private static Exception Broken() => new InvalidOperationException("BrokenStore: nothing works");

        public Task<Link?> TryCreateAsync(string code, string url, DateTime createdAt, LinkRules rules, string? createdBy, LinkLabels labels, CancellationToken cancellationToken) => throw Broken();
        public Task<Link?> FindAsync(string code, CancellationToken cancellationToken) => throw Broken();
        public Task<Link?> UpdateAsync(string code, LinkChanges changes, CancellationToken cancellationToken) => throw Broken();
        public Task<bool> DeleteAsync(string code, CancellationToken cancellationToken) => throw Broken();
        public Task<IReadOnlyList<Link>> RecentAsync(int limit, CancellationToken cancellationToken) => throw Broken();
        public Task<IReadOnlyList<Link>> RecentByCreatorAsync(string createdBy, int limit, CancellationToken cancellationToken) => throw Broken();
        public Task<bool> TryCountLimitedClickAsync(long linkId, CancellationToken cancellationToken) => throw Broken();
    }
}
