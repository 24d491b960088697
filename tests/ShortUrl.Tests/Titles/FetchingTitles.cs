using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Titles;

namespace ShortUrl.Tests.Titles;

/// <summary>
/// <c>ShortUrl:FetchTitles</c>: a link created without a title gets its page's title, fetched after the create has
/// answered, and never from an address that is not public. The test servers listen on loopback addresses, so the tests
/// that need a fetch to succeed allow 127.0.0.1 alone; 127.0.0.2 and names stay refused, as every loopback address is
/// by default.
/// </summary>
public sealed class FetchingTitles : IDisposable
{
    private static readonly IPAddress Allowed = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Forbidden = IPAddress.Parse("127.0.0.2");

    private readonly List<IDisposable> _owned = [];

    [Fact]
    public async Task ALinkCreatedWithoutATitleGetsTheTitleOfItsPage()
    {
        var page = Own(TinyHttpServer.Html(Allowed, "<html><head><TITLE lang=\"fr\">\n  Caf&eacute; &amp; Bar\n\t news &#x2014; &quot;today&quot; </TITLE></head></html>"));
        var client = ClientAllowing(Allowed);

        var code = (await client.CreateLinkAsync($"{page.BaseUrl}/menu")).Code();

        Assert.Equal("Café & Bar news — \"today\"", await TitleOnceFetchedAsync(client, code));
    }

    [Fact]
    public async Task AGivenTitleIsKeptAndThePageIsNeverFetched()
    {
        var page = Own(TinyHttpServer.Html(Allowed, "<title>From the page</title>"));
        var client = ClientAllowing(Allowed);

        var code = (await client.CreateLinkAsync(new { url = $"{page.BaseUrl}/mine", title = "My own title" })).Code();
        await WaitForAControlFetchAsync(client);

        Assert.Equal("My own title", await TitleAsync(client, code));
        Assert.Equal(0, page.Requests);
    }

    [Fact]
    public async Task LoopbackAddressesAndNamesAreNeverFetchedByDefault()
    {
        var page = Own(TinyHttpServer.Html(Allowed, "<title>Internal admin</title>"));
        var factory = Own(ShortUrlFactory.WithSettings(("ShortUrl:FetchTitles", "true")));
        var client = factory.CreateClient();

        var literal = (await client.CreateLinkAsync($"{page.BaseUrl}/admin")).Code();
        var name = (await client.CreateLinkAsync($"http://localhost:{new Uri(page.BaseUrl).Port}/admin")).Code();
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(0, page.Requests);
        Assert.Null(await TitleAsync(client, literal));
        Assert.Null(await TitleAsync(client, name));
    }

    [Fact]
    public async Task ARedirectToAnAddressThatIsNotAllowedIsNotFollowed()
    {
        var inside = Own(TinyHttpServer.Html(Forbidden, "<title>Behind the firewall</title>"));
        var outside = Own(new TinyHttpServer(Allowed, _ =>
            TinyHttpServer.Response("302 Found", null, [], $"Location: {inside.BaseUrl}/secret\r\n")));
        var client = ClientAllowing(Allowed);

        var code = (await client.CreateLinkAsync($"{outside.BaseUrl}/innocent")).Code();
        await WaitForAControlFetchAsync(client);

        Assert.True(outside.Requests > 0, "the allowed server was asked");
        Assert.Equal(0, inside.Requests);
        Assert.Null(await TitleAsync(client, code));
    }

    [Fact]
    public async Task ARedirectToAnAllowedAddressIsFollowed()
    {
        var target = Own(TinyHttpServer.Html(Allowed, "<title>Moved here</title>"));
        var moved = Own(new TinyHttpServer(Allowed, _ =>
            TinyHttpServer.Response("301 Moved Permanently", null, [], $"Location: {target.BaseUrl}/new\r\n")));
        var client = ClientAllowing(Allowed);

        var code = (await client.CreateLinkAsync($"{moved.BaseUrl}/old")).Code();

        Assert.Equal("Moved here", await TitleOnceFetchedAsync(client, code));
    }

    [Fact]
    public async Task ASlowPageNeverDelaysTheCreate()
    {
        var slow = Own(TinyHttpServer.Html(Allowed, "<title>Eventually</title>", delay: TimeSpan.FromSeconds(20)));
        var client = ClientAllowing(Allowed);
        await client.CreateLinkAsync("https://example.com/warm-up");

        var clock = Stopwatch.StartNew();
        var created = await client.PostLinkAsync($"{slow.BaseUrl}/slow");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the create took {clock.Elapsed}");
        Assert.Equal(JsonValueKind.Null, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").ValueKind);
    }

    [Fact]
    public async Task ATitleBeyondTheFirst64KiBIsNotRead()
    {
        var padding = new string(' ', 70 * 1024);
        var page = Own(TinyHttpServer.Html(Allowed, $"<html><head>{padding}<title>Too far down</title></head></html>"));
        var client = ClientAllowing(Allowed);

        var code = (await client.CreateLinkAsync($"{page.BaseUrl}/long")).Code();
        await WaitForAControlFetchAsync(client);

        Assert.True(page.Requests > 0, "the page was asked");
        Assert.Null(await TitleAsync(client, code));
    }

    [Fact]
    public async Task APageThatIsNoHtmlGivesNoTitle()
    {
        var file = Own(new TinyHttpServer(Allowed, _ =>
            TinyHttpServer.Response("200 OK", "application/octet-stream", Encoding.UTF8.GetBytes("<title>Not a page</title>"))));
        var client = ClientAllowing(Allowed);

        var code = (await client.CreateLinkAsync($"{file.BaseUrl}/file.bin")).Code();
        await WaitForAControlFetchAsync(client);

        Assert.Null(await TitleAsync(client, code));
    }

    [Fact]
    public async Task WithoutTheSettingNothingIsFetched()
    {
        var page = Own(TinyHttpServer.Html(Allowed, "<title>Never asked</title>"));
        var factory = Own(new ShortUrlFactory().WithWebHostBuilder(host =>
            host.ConfigureTestServices(services => services.AddSingleton(new TitleFetchPolicy(address => address.Equals(Allowed), TimeSpan.FromSeconds(2))))));
        var client = factory.CreateClient();

        var code = (await client.CreateLinkAsync($"{page.BaseUrl}/quiet")).Code();
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(0, page.Requests);
        Assert.Null(await TitleAsync(client, code));
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>A service that fetches titles and may connect to <paramref name="address"/> alone.</summary>
    private HttpClient ClientAllowing(IPAddress address)
    {
        var factory = Own(ShortUrlFactory.WithSettings(("ShortUrl:FetchTitles", "true")).WithWebHostBuilder(host =>
            host.ConfigureTestServices(services =>
                services.AddSingleton(new TitleFetchPolicy(candidate => candidate.Equals(address), TimeSpan.FromSeconds(2))))));
        return factory.CreateClient();
    }

    /// <summary>
    /// Creates a link to a page that can be fetched and waits for its title: the fetches queued before it have had their
    /// turn by then (each of them connects at once or is refused at once).
    /// </summary>
    private async Task WaitForAControlFetchAsync(HttpClient client)
    {
        var control = Own(TinyHttpServer.Html(Allowed, "<title>Control</title>"));
        var code = (await client.CreateLinkAsync($"{control.BaseUrl}/control")).Code();
        Assert.Equal("Control", await TitleOnceFetchedAsync(client, code));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
    }

    private static async Task<string?> TitleOnceFetchedAsync(HttpClient client, string code)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (await TitleAsync(client, code) is { } title)
            {
                return title;
            }

            await Task.Delay(50);
        }

        return null;
    }

    private static async Task<string?> TitleAsync(HttpClient client, string code) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/urls/{code}")).GetProperty("title").GetString();
}
