using System.Net.Http.Json;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// The security headers exactly as the published service writes them on a real connection: Kestrel's own headers
/// (such as <c>Server</c>, which TestServer never adds) included. The policies are spelled out here, not read from the
/// service's constants, so that a change to them shows up as a failing test to be looked at.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class SendingHeadersOnTheWire(RunningService service) : IClassFixture<RunningService>
{
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        + "frame-ancestors 'none'; form-action 'self'";

    private const string SwaggerPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>The password form posts, and the redirect that answers it goes to the target: anywhere on the web.</summary>
    private const string PasswordPagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        + "frame-ancestors 'none'; form-action 'self' https: http:";

    private const string NoReferrer = "no-referrer";

    private const string OriginOnly = "strict-origin-when-cross-origin";

    public static TheoryData<string, string, string> Responses => new()
    {
        { "GET / HTTP/1.1", PagePolicy, NoReferrer },
        { "GET /app.js HTTP/1.1", PagePolicy, NoReferrer },
        { "GET /app.css HTTP/1.1", PagePolicy, NoReferrer },
        { "GET /health HTTP/1.1", PagePolicy, OriginOnly },
        { "GET /api/urls/recent HTTP/1.1", PagePolicy, NoReferrer },
        { "GET /api/urls/nosuchcode HTTP/1.1", PagePolicy, NoReferrer },
        { "GET /api/urls/recent?limit=0 HTTP/1.1", PagePolicy, NoReferrer },
        { "GET /nosuchcode HTTP/1.1\r\nAccept: text/html", PagePolicy, OriginOnly },
        { "GET /no/such/path HTTP/1.1", PagePolicy, NoReferrer },
        { "DELETE /api/urls HTTP/1.1", PagePolicy, NoReferrer },
        { "POST /api/urls HTTP/1.1\r\nContent-Length: 0", PagePolicy, NoReferrer },
        { "GET /swagger/index.html HTTP/1.1", SwaggerPolicy, NoReferrer },
        { "GET /swagger/v1/swagger.json HTTP/1.1", SwaggerPolicy, NoReferrer },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EachResponseCarriesExactlyItsPoliciesAndNoServerHeader(string requestHead, string policy, string referrerPolicy)
    {
        var response = await RawHttp.SendAsync(service.Process.BaseAddress, requestHead);

        Assert.InRange(response.Status, 200, 499);
        AssertHeaders(response, policy, referrerPolicy);
    }

    [Fact]
    public async Task ARedirectCarriesThePagePolicyAndGivesTheTargetOnlyTheLinkingOrigin()
    {
        await service.Process.Client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/wire", alias = "wire-link" });

        var redirect = await RawHttp.SendAsync(service.Process.BaseAddress, "GET /wire-link HTTP/1.1");

        Assert.Equal(302, redirect.Status);
        AssertHeaders(redirect, PagePolicy, OriginOnly);
    }

    [Fact]
    public async Task ThePasswordFormLetsItsPostLeadToTheTargetAndNothingElse()
    {
        await service.Process.Client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/wire-secret", alias = "wire-secret", password = "pw" });

        var form = await RawHttp.SendAsync(service.Process.BaseAddress, "GET /wire-secret HTTP/1.1\r\nAccept: text/html");

        Assert.Equal(200, form.Status);
        AssertHeaders(form, PasswordPagePolicy, OriginOnly);
    }

    [Fact]
    public async Task ARequestKestrelRejectsBeforeTheServiceSeesItGetsNoServerHeaderEither()
    {
        var headers = string.Join("\r\n", Enumerable.Range(0, 20).Select(i => $"X-Padding-{i}: {new string('p', 1000)}"));

        var rejected = await RawHttp.SendAsync(service.Process.BaseAddress, "GET / HTTP/1.1\r\n" + headers);

        Assert.Equal(431, rejected.Status);
        Assert.Null(rejected.Header("Server"));
    }

    private static void AssertHeaders(RawHttp.Response response, string policy, string referrerPolicy)
    {
        Assert.Equal([policy], Values(response, "Content-Security-Policy"));
        Assert.Equal(["DENY"], Values(response, "X-Frame-Options"));
        Assert.Equal(["nosniff"], Values(response, "X-Content-Type-Options"));
        Assert.Equal([referrerPolicy], Values(response, "Referrer-Policy"));
        Assert.Empty(Values(response, "Server"));
        Assert.Empty(Values(response, "X-Powered-By"));
    }

    /// <summary>Every value sent under <paramref name="name"/>, one per header line.</summary>
    private static List<string> Values(RawHttp.Response response, string name) => response.HeaderLines
        .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
        .Select(line => line[(name.Length + 1)..].Trim())
        .ToList();
}
