using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace ShortUrl.Tests.Browser;

/// <summary>The keys the page's access tests configure, by name and role, as <c>ShortUrl:ApiKeys</c> holds them.</summary>
public static class PageKeys
{
    public const string Admin = "root-key-for-the-page-7d1e";
    public const string Author = "alice-key-for-the-page-3b9c";
    public const string AuthorName = "alice";

    /// <summary>An admin key (<c>root</c>), an author key (<see cref="AuthorName"/>), and <paramref name="more"/> settings.</summary>
    public static (string Key, string? Value)[] With(params (string Key, string? Value)[] more) =>
    [
        ("ShortUrl:ApiKeys:0:Name", "root"), ("ShortUrl:ApiKeys:0:Role", "admin"), ("ShortUrl:ApiKeys:0:Hash", Hash(Admin)),
        ("ShortUrl:ApiKeys:1:Name", AuthorName), ("ShortUrl:ApiKeys:1:Role", "author"), ("ShortUrl:ApiKeys:1:Hash", Hash(Author)),
        .. more,
    ];

    /// <summary>Creates a link with <paramref name="key"/> (none when null), asserting 201; returns its code.</summary>
    public static async Task<string> CreateWithKeyAsync(this HttpClient api, string url, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/urls") { Content = JsonContent.Create(new { url }) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        using var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Code();
    }

    /// <summary>Types <paramref name="key"/> into the Manage section and presses Enter, as a person would, by keyboard alone.</summary>
    public static async Task EnterKeyAsync(this IPage page, string key)
    {
        await page.Locator("#api-key").FillAsync(key);
        await page.Locator("#api-key").PressAsync("Enter");
    }

    /// <summary>
    /// Enters a key and waits until the page has answered it (whose key it is, or that it is refused): a row clicked
    /// after that is not re-rendered away under the click.
    /// </summary>
    public static async Task EnterKeyAndAwaitTheAnswerAsync(this IPage page, string key)
    {
        await page.EnterKeyAsync(key);
        await Assertions.Expect(page.Locator("#api-key-owner:not(:empty), #api-key-error:not(:empty)")).ToHaveCountAsync(1);
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
}
