using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ShortUrl.Tests.Links;

/// <summary>
/// Bodies the create endpoint cannot read: each is a 4xx problem and stores nothing. (Oversized bodies and other
/// media types are in <see cref="CreatingLinks"/>.)
/// </summary>
public sealed class ReadingCreateBodies(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = factory.CreateClient();

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>No test in this class may leave a link behind.</summary>
    public async Task DisposeAsync() => Assert.Equal(0, await factory.CountStoredLinksAsync());

    [Theory]
    [InlineData("{")]
    [InlineData("{\"url\": ")]
    [InlineData("not json")]
    [InlineData("{'url': 'https://example.com/'}")]
    [InlineData("{\"url\": \"https://example.com/\",}")]
    [InlineData("[\"https://example.com/\"]")]
    [InlineData("\"https://example.com/\"")]
    public async Task MalformedJsonIsRejectedWith400(string body)
    {
        var response = await _client.PostRawAsync(body);

        await ProblemAssert.IsProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("[{\"url\": \"https://example.com/\"}]", "must be a JSON object")]
    [InlineData("\"https://example.com/\"", "must be a JSON object")]
    [InlineData("42", "must be a JSON object")]
    [InlineData("{", "not valid JSON")]
    [InlineData("not json", "not valid JSON")]
    public async Task TheProblemSaysWhetherTheBodyIsNotJsonOrNotAnObject(string body, string detail)
    {
        var response = await _client.PostRawAsync(body);

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("{\"url\": 42}", "url")]
    [InlineData("{\"url\": true}", "url")]
    [InlineData("{\"url\": [\"https://example.com/\"]}", "url")]
    [InlineData("{\"url\": {\"href\": \"https://example.com/\"}}", "url")]
    [InlineData("{\"url\": \"https://example.com/\", \"alias\": 7}", "alias")]
    [InlineData("{\"url\": \"https://example.com/\", \"alias\": [\"a\", \"b\"]}", "alias")]
    public async Task AFieldOfTheWrongJsonTypeIsRejectedNamingTheField(string body, string field)
    {
        var response = await _client.PostRawAsync(body);

        await ProblemAssert.IsValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task ANullJsonBodyIsRejectedWith400()
    {
        var response = await _client.PostRawAsync("null");

        await ProblemAssert.IsProblemAsync(response, 400);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task AnEmptyBodyIsRejectedAsAMissingUrl(string mediaType)
    {
        var response = await _client.PostRawAsync("", mediaType);

        await ProblemAssert.IsValidationProblemAsync(response, "url");
    }

    [Theory]
    [InlineData("{\"url\": \"https://a.example/\", \"url\": \"https://b.example/\"}", "application/json")]
    [InlineData("url=https%3A%2F%2Fa.example%2F&url=https%3A%2F%2Fb.example%2F", "application/x-www-form-urlencoded")]
    public async Task AUrlGivenTwiceIsRejectedRatherThanGuessed(string body, string mediaType)
    {
        var response = await _client.PostRawAsync(body, mediaType);

        await ProblemAssert.IsValidationProblemAsync(response, "url");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOver16KiBIsRefusedWith413WhetherOrNotItsLengthIsAnnounced(bool streamed)
    {
        // In memory there is no Kestrel limit: this is the endpoint's own reader (the wire is in ReadingCreateBodiesAtTheLimit).
        var json = "{\"url\": \"https://example.com/" + new string('a', 17 * 1024) + "\"}";
        HttpContent content = new StringContent(json, Encoding.UTF8, "application/json");
        if (streamed)
        {
            // A pipe cannot seek, so the client cannot know the length and sends the body chunked.
            var pipe = new Pipe();
            await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(json));
            await pipe.Writer.CompleteAsync();
            content = new StreamContent(pipe.Reader.AsStream());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            Assert.Null(content.Headers.ContentLength);
        }

        var response = await _client.PostAsync("/api/urls", content);

        await ProblemAssert.IsProblemAsync(response, 413);
    }

    [Fact]
    public async Task ABodyWithoutAContentTypeReturns415()
    {
        var content = new ByteArrayContent("url=https://example.com/"u8.ToArray());

        var response = await _client.PostAsync("/api/urls", content);

        await ProblemAssert.IsProblemAsync(response, 415);
    }
}
