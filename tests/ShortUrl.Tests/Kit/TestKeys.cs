namespace ShortUrl.Tests.Kit;

/// <summary>
/// The API keys of the access tests, all from the configuration: an admin key as a bare hash (the shape every
/// configuration had before keys had roles) and two authors, alice and bob, as named keys.
/// </summary>
public static class TestKeys
{
    public const string Admin = LinkLifecycleRequests.ApiKey;
    public const string Alice = "alice-key-for-the-tests-71c3e9";
    public const string Bob = "bob-key-for-the-tests-5d20aa";
    public const string Wrong = "a-key-nobody-configured";

    /// <summary>What <c>ShortUrl:ApiKeys</c> holds for the three keys.</summary>
    public static (string Key, string? Value)[] Settings =>
    [
        ("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash),
        ("ShortUrl:ApiKeys:1:Name", "alice"), ("ShortUrl:ApiKeys:1:Role", "author"), ("ShortUrl:ApiKeys:1:Hash", HashOf(Alice)),
        ("ShortUrl:ApiKeys:2:Name", "bob"), ("ShortUrl:ApiKeys:2:Role", "Author"), ("ShortUrl:ApiKeys:2:Hash", HashOf(Bob).ToUpperInvariant()),
    ];

    /// <summary>The SHA-256 of a key as the configuration holds it: what <c>printf %s "$KEY" | sha256sum</c> prints.</summary>
    public static string HashOf(string key) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    /// <summary>The request with <paramref name="key"/> in <c>X-Api-Key</c>; unchanged for null.</summary>
    public static HttpRequestMessage WithKey(this HttpRequestMessage request, string? key)
    {
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    /// <summary>A client that sends <paramref name="key"/> with every request.</summary>
    public static HttpClient WithKey(this HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
