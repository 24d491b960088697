using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ShortUrl.Access;

/// <summary>Keys, their names and their hashes, as the configuration, the database and the keys command write them.</summary>
internal static partial class ApiKeyText
{
    public const string NameRule = "1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit";

    /// <summary>A new key: 256 random bits, base64url without padding (43 characters, safe in a URL and a header).</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The SHA-256 of a key's UTF-8 bytes as 64 lowercase hex digits: what <c>printf %s "$KEY" | sha256sum</c> prints.</summary>
    public static string HashOf(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    public static bool IsHash(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigit);

    public static bool IsName(string? text) => text is not null && NamePattern().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
