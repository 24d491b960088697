using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Storage;
namespace ShortUrl.Tests.Hosting;

/// <summary>The service behind <see cref="HostileInputs"/>: its own database, <see cref="HostileInputs.BaseUrl"/> as its public address.</summary>
public sealed class HostileInputService : IDisposable
{
    public ShortUrlFactory Factory { get; } = ShortUrlFactory.WithSettings(("ShortUrl:BaseUrl", HostileInputs.BaseUrl));

    public void Dispose() => Factory.Dispose();
}

[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class RejectingHostileInputs(HostileInputService service) : IClassFixture<HostileInputService>
{
    private readonly HttpClient _client = service.Factory.CreateClient();

    [Fact]
    public void TheCorpusHasAtLeast150Cases() => Assert.InRange(HostileInputs.All.Count, 150, int.MaxValue);

    [Theory]
    [MemberData(nameof(HostileInputs.Names), MemberType = typeof(HostileInputs))]
    public async Task HostileInputGetsItsOwn4xxProblemAndCreatesNothing(string name)
    {
        var input = HostileInputs.All[name];
        var linksBefore = await CountLinksAsync();

        using var response = await _client.SendAsync(input.Request());

        var problem = await ProblemAssert.IsProblemAsync(response, input.Status);
        if (input.Field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(input.Field, out _), $"no error for '{input.Field}' in {problem}");
        }

        Assert.Null(response.Headers.Location);
        Assert.Equal(linksBefore, await CountLinksAsync());
    }

    [Theory]
    [InlineData("\"><script>alert(1)</script>", "")]
    [InlineData("javascript:alert(1)//<svg onload=alert(2)>", "")]
    [InlineData("https://example.com/", "<img src=x onerror=alert(1)>")]
    [InlineData("https://example.com/", "\" autofocus onfocus=\"alert(1)")]
    public async Task ABrowserFormPostOfHostileInputGetsAPageThatShowsItInertAndCreatesNothing(string url, string alias)
    {
        var linksBefore = await CountLinksAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls")
        {
            Content = new FormUrlEncodedContent([new("url", url), new("alias", alias)]),
        };
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await _client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<svg onload", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("\" autofocus", html);
        Assert.Contains("script-src 'self'", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(linksBefore, await CountLinksAsync());
    }

    /// <summary>Every row, straight from the store, so that not even one the API would not show goes unnoticed.</summary>
    private async Task<int> CountLinksAsync() =>
        (await service.Factory.Services.GetRequiredService<ILinkStore>().RecentAsync(int.MaxValue, CancellationToken.None)).Count;
}
