using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.Playwright;

namespace ShortUrl.Tests.Browser;

/// <summary>
/// Answers the page's <c>GET /api/urls?…</c>, <c>GET /api/tags</c> and title/tag <c>PATCH</c>es in the browser, as
/// contract 18 describes them, over links the test gives it: a stand-in while the service's own endpoints are built
/// on other branches. Tests move to the service as those endpoints land.
/// </summary>
public sealed partial class SearchStandIn(Uri service)
{
    private readonly List<JsonObject> _links = [];

    /// <summary>The query strings of the searches the page sent, in order.</summary>
    public List<string> Searches { get; } = [];

    /// <summary>The bodies and <c>X-Api-Key</c> headers of the PATCHes the page sent.</summary>
    public List<(string Code, string Body, string? Key)> Patches { get; } = [];

    /// <summary>When set, a PATCH answers this problem (status and errors) instead of changing the link.</summary>
    public (int Status, string Field, string Message)? RefusePatch { get; set; }

    public SearchStandIn Add(string code, string url, string? title = null, string[]? tags = null, long clicks = 0, DateTimeOffset? createdAt = null)
    {
        _links.Add(new JsonObject
        {
            ["code"] = code,
            ["shortUrl"] = new Uri(service, code).ToString(),
            ["url"] = url,
            ["displayUrl"] = url,
            ["createdAt"] = (createdAt ?? DateTimeOffset.UtcNow.AddMinutes(-_links.Count)).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["clicks"] = clicks,
            ["hasPassword"] = false,
            ["title"] = title,
            ["tags"] = new JsonArray([.. (tags ?? []).Select(tag => (JsonNode)tag)]),
        });
        return this;
    }

    public async Task AttachAsync(IPage page)
    {
        await page.RouteAsync(SearchPath(), route => FulfillAsync(route, SearchAnswer(route.Request.Url)));
        await page.RouteAsync(TagsPath(), route => FulfillAsync(route, (200, TagsAnswer())));
        await page.RouteAsync(LinkPath(), route => route.Request.Method == "PATCH"
            ? FulfillAsync(route, PatchAnswer(route.Request))
            : route.ContinueAsync());
    }

    /// <summary>Until the service lists tags itself: none.</summary>
    public static Task AttachTagsAsync(IPage page) => page.RouteAsync(TagsPath(), route => FulfillAsync(route, (200, "[]")));

    private (int, string) SearchAnswer(string url)
    {
        var query = new Uri(url).Query;
        lock (Searches)
        {
            Searches.Add(query.TrimStart('?'));
        }

        var parameters = HttpUtility.ParseQueryString(query);
        var q = parameters["q"] ?? "";
        var tags = parameters.GetValues("tag") ?? [];
        var all = parameters["tagMode"] == "all";
        var page = int.Parse(parameters["page"] ?? "1");
        var pageSize = int.Parse(parameters["pageSize"] ?? "20");
        var sort = parameters["sort"] ?? "-created";
        var field = sort.TrimStart('-');

        IEnumerable<JsonObject> matches = _links
            .Where(link => q == "" || new[] { "code", "url", "title" }.Any(name => ((string?)link[name] ?? "").Contains(q, StringComparison.OrdinalIgnoreCase))
                || TagsOf(link).Any(tag => tag.Contains(q, StringComparison.OrdinalIgnoreCase)))
            .Where(link => tags.Length == 0 || (all ? tags.All(TagsOf(link).Contains) : tags.Any(TagsOf(link).Contains)));
        Func<JsonObject, object> key = field switch
        {
            "clicks" => link => (long)link["clicks"]!,
            "created" => link => (string)link["createdAt"]!,
            _ => link => (string?)link[field] ?? "",
        };
        matches = sort.StartsWith('-') ? matches.OrderByDescending(key) : matches.OrderBy(key);
        var found = matches.ToList();
        var answer = new JsonObject
        {
            ["items"] = new JsonArray([.. found.Skip((page - 1) * pageSize).Take(pageSize).Select(link => link.DeepClone())]),
            ["page"] = page,
            ["pageSize"] = pageSize,
            ["total"] = found.Count,
        };
        return (200, answer.ToJsonString());
    }

    private string TagsAnswer() => new JsonArray([.. _links.SelectMany(link => TagsOf(link).Select(tag => (tag, clicks: (long)link["clicks"]!)))
        .GroupBy(pair => pair.tag)
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => (JsonNode)new JsonObject { ["tag"] = group.Key, ["links"] = group.Count(), ["clicks"] = group.Sum(pair => pair.clicks) })]).ToJsonString();

    private (int, string) PatchAnswer(IRequest request)
    {
        var code = Uri.UnescapeDataString(new Uri(request.Url).AbsolutePath.Split('/')[^1]);
        lock (Patches)
        {
            Patches.Add((code, request.PostData ?? "", request.Headers.TryGetValue("x-api-key", out var key) ? key : null));
        }

        if (RefusePatch is { } refusal)
        {
            return (refusal.Status, new JsonObject
            {
                ["status"] = refusal.Status,
                ["title"] = "One or more validation errors occurred.",
                ["errors"] = new JsonObject { [refusal.Field] = new JsonArray(refusal.Message) },
            }.ToJsonString());
        }

        var link = _links.Single(link => (string)link["code"]! == code);
        var patch = JsonNode.Parse(request.PostData ?? "{}")!.AsObject();
        if (patch.TryGetPropertyValue("title", out var title))
        {
            link["title"] = title?.DeepClone();
        }

        if (patch["tags"] is JsonArray tags)
        {
            link["tags"] = new JsonArray([.. tags.Select(tag => (JsonNode)Spaces().Replace(((string)tag!).Trim().ToLowerInvariant(), " ")).Distinct()]);
        }

        return (200, link.ToJsonString());
    }

    private static string[] TagsOf(JsonObject link) => [.. link["tags"]!.AsArray().Select(tag => (string)tag!)];

    private static Task FulfillAsync(IRoute route, (int Status, string Body) answer) => route.FulfillAsync(new()
    {
        Status = answer.Status,
        ContentType = answer.Status < 400 ? "application/json" : "application/problem+json",
        Body = answer.Body,
    });

    [GeneratedRegex(@"/api/urls\?")]
    private static partial Regex SearchPath();

    [GeneratedRegex(@"/api/tags$")]
    private static partial Regex TagsPath();

    [GeneratedRegex(@"/api/urls/[^/?]+$")]
    private static partial Regex LinkPath();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
