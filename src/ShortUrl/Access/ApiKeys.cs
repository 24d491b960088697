using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ShortUrl.Hosting;

namespace ShortUrl.Access;

/// <summary>
/// The API keys allowed to manage links, known only by their SHA-256 hashes (<c>ShortUrl:ApiKeys</c>): a key presented in
/// <c>X-Api-Key</c> is hashed and compared with each in constant time, so neither the configuration nor the timing of
/// an answer gives a key away.
/// </summary>
internal sealed class ApiKeys(IOptions<ShortUrlOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    private readonly byte[][] _hashes = options.Value.ApiKeys.Select(Convert.FromHexString).ToArray();

    public enum Check { Missing, Wrong, Valid }

    public static bool IsHash(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    public Check Of(HttpRequest request)
    {
        var presented = request.Headers[HeaderName];
        if (presented.Count == 0 || string.IsNullOrEmpty(presented[0]))
        {
            return Check.Missing;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()), hash);
        var matched = false;
        // Every hash, with no early exit: how long this takes says nothing about which key came close.
        foreach (var allowed in _hashes)
        {
            matched |= CryptographicOperations.FixedTimeEquals(hash, allowed);
        }

        return matched ? Check.Valid : Check.Wrong;
    }
}
