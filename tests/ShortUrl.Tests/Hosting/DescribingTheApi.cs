using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ShortUrl.Tests.Hosting;

/// <summary>The Swagger UI and the OpenAPI document: every operation, with every response it can give.</summary>
public sealed class DescribingTheApi(ShortUrlFactory factory) : IClassFixture<ShortUrlFactory>
{
    private const string Problem = "application/problem+json";

    [Theory]
    [InlineData("/swagger")]
    [InlineData("/swagger/")]
    [InlineData("/swagger/index.html")]
    public async Task TheInteractiveDocsAnswerAtSwaggerWithoutARedirect(string path)
    {
        var client = factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"swagger-ui\">", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheInteractiveDocsNameEveryAssetByAnAbsolutePathThatIsServed()
    {
        var client = factory.CreateClient();
        var page = await client.GetStringAsync("/swagger");

        var assets = Regex.Matches(page, "(?:href|src)=\"([^\"]+)\"").Select(match => match.Groups[1].Value).ToList();

        Assert.Contains("/swagger/swagger-ui-bundle.js", assets);
        Assert.Contains("/swagger/index.js", assets);
        foreach (var asset in assets)
        {
            Assert.StartsWith("/swagger/", asset);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset)).StatusCode);
        }
    }

    [Fact]
    public async Task TheDocumentListsExactlyTheServicesOperations()
    {
        var paths = await PathsAsync();

        // The peers' adapters are listed by Peers.DescribingThePeersApis.
        var operations = paths.EnumerateObject()
            .Where(path => !Peers.DescribingThePeersApis.IsPeers(path.Name))
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order();

        Assert.Equal(
            [
                "DELETE /api/tags/{tag}",
                "DELETE /api/urls/{code}", "DELETE /api/urls/{code}/visits", "GET /api/access",
                "GET /api/tags",
                "GET /api/urls",
                "GET /api/urls/export", "GET /api/urls/recent", "GET /api/urls/{code}",
                "GET /api/urls/{code}/stats", "GET /api/urls/{code}/visits", "GET /api/visits/orphan", "GET /api/visits/orphan/summary",
                "GET /{code}", "GET /{code}+", "GET /{code}/qr", "HEAD /{code}", "PATCH /api/urls/{code}",
                "POST /api/urls", "POST /api/urls/import", "POST /{code}",
                "PUT /api/tags/{tag}",
            ],
            operations);
    }

    [Theory]
    [InlineData("/api/urls", "post", "201 400 401 403 409 413 415 429")]
    [InlineData("/api/urls/recent", "get", "200 400 401 403")]
    [InlineData("/api/urls/{code}", "get", "200 401 403 404")]
    [InlineData("/{code}", "get", "301 302 307 308 403 404 410")]
    [InlineData("/{code}", "head", "301 302 307 308 403 404 410")]
    [InlineData("/api/urls/{code}", "patch", "200 400 401 403 404 413 415")]
    [InlineData("/api/urls/{code}", "delete", "204 401 403 404")]
    [InlineData("/{code}", "post", "303 400 403 404 410 429 503")]
    [InlineData("/{code}+", "get", "200 404")]
    [InlineData("/api/urls/{code}/stats", "get", "200 400 401 403 404")]
    [InlineData("/api/urls/{code}/visits", "get", "200 400 401 403 404")]
    [InlineData("/api/urls/{code}/visits", "delete", "200 401 403 404")]
    [InlineData("/api/visits/orphan", "get", "200 400 401 403")]
    [InlineData("/api/visits/orphan/summary", "get", "200 401 403")]
    [InlineData("/{code}/qr", "get", "200 400 404")]
    [InlineData("/api/urls/export", "get", "200 400 401 403")]
    [InlineData("/api/access", "get", "200 403")]
    [InlineData("/api/tags", "get", "200 401 403")]
    [InlineData("/api/tags/{tag}", "put", "200 400 401 403 404 409 413 415")]
    [InlineData("/api/tags/{tag}", "delete", "204 401 403 404")]
    [InlineData("/api/urls/import", "post", "200 400 401 403 413 415 429 503")]
    public async Task EachOperationDocumentsEveryStatusItCanAnswerWith(string path, string method, string statuses)
    {
        var operation = (await PathsAsync()).GetProperty(path).GetProperty(method);

        var documented = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order();

        Assert.Equal(statuses.Split(' '), documented);
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
    }

    [Theory]
    [InlineData("/api/urls", "post", "201", "application/json", "LinkResponse")]
    [InlineData("/api/urls", "post", "400", Problem, "HttpValidationProblemDetails")]
    [InlineData("/api/urls", "post", "409", Problem, "ProblemDetails")]
    [InlineData("/api/urls", "post", "413", Problem, "ProblemDetails")]
    [InlineData("/api/urls", "post", "415", Problem, "ProblemDetails")]
    [InlineData("/api/urls", "post", "429", Problem, "ProblemDetails")]
    [InlineData("/api/urls/recent", "get", "400", Problem, "HttpValidationProblemDetails")]
    [InlineData("/api/urls/{code}", "get", "200", "application/json", "LinkResponse")]
    [InlineData("/api/urls/{code}", "get", "404", Problem, "ProblemDetails")]
    [InlineData("/{code}", "get", "404", Problem, "ProblemDetails")]
    [InlineData("/{code}", "head", "404", Problem, "ProblemDetails")]
    public async Task BodiesAreDocumentedWithTheirSchemas(string path, string method, string status, string mediaType, string schema)
    {
        var response = (await PathsAsync()).GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status);

        var documented = response.GetProperty("content").GetProperty(mediaType).GetProperty("schema").GetProperty("$ref").GetString();

        Assert.Equal($"#/components/schemas/{schema}", documented);
    }

    [Theory]
    [InlineData("/api/urls", "post", "201", "text/plain")]
    [InlineData("/api/urls", "post", "201", "text/html")]
    [InlineData("/{code}", "get", "404", "text/html")]
    [InlineData("/{code}", "head", "404", "text/html")]
    public async Task TextBodiesAreDocumentedBesideTheJsonOnes(string path, string method, string status, string mediaType)
    {
        var response = (await PathsAsync()).GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status);

        var schema = response.GetProperty("content").GetProperty(mediaType).GetProperty("schema");

        Assert.Equal("string", schema.GetProperty("type").GetString());
    }

    [Fact]
    public async Task TheRecentListIsDocumentedAsAnArrayOfLinks()
    {
        var ok = (await PathsAsync()).GetProperty("/api/urls/recent").GetProperty("get").GetProperty("responses").GetProperty("200");

        var schema = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema");

        Assert.Equal("array", schema.GetProperty("type").GetString());
        Assert.Equal("#/components/schemas/LinkResponse", schema.GetProperty("items").GetProperty("$ref").GetString());
    }

    private async Task<JsonElement> PathsAsync()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        return document.GetProperty("paths");
    }
}
