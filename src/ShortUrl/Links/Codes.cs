using System.Buffers;
using System.Security.Cryptography;

namespace ShortUrl.Links;

/// <summary>Generated codes and user-chosen aliases: what they may look like and which names are kept back.</summary>
internal sealed class Codes
{
    public const int MinAliasLength = 3;
    public const int MaxAliasLength = 64;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly SearchValues<char> AliasCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    // Routes match case-insensitively, so "Swagger" would be shadowed just like "swagger". "recent", "export" and
    // "import": the details of such a link would sit at /api/urls/recent (the list), /api/urls/export, ... "rest": the
    // prefix of the Shlink API (the other peers' prefixes are under "api" or too short to be aliases). "metrics": where
    // Prometheus scrapes when it is on at the service's port, kept back whether it is on or not, so that turning it on
    // never hides a link.
    private readonly HashSet<string> _reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "swagger", "health", "openapi", "index", "favicon", "robots", "static", "assets", "wwwroot", "recent", "export", "import",
        "rest", "metrics",
    };

    private readonly int _length;

    /// <param name="length">Length of generated codes.</param>
    /// <param name="servedNames">Files and folders the service serves from its web root.</param>
    public Codes(int length, IEnumerable<string> servedNames)
    {
        _length = length;
        foreach (var name in servedNames)
        {
            _reserved.Add(name);
            _reserved.Add(Path.GetFileNameWithoutExtension(name));
        }
    }

    /// <summary>Names a code may not take: the service's own paths and what it serves from its web root.</summary>
    public IReadOnlySet<string> Reserved => _reserved;

    /// <summary>A new code from a cryptographic RNG; uniqueness is the store's to decide.</summary>
    public string Generate()
    {
        while (true)
        {
            var code = RandomNumberGenerator.GetString(Alphabet, _length);
            if (!_reserved.Contains(code))
            {
                return code;
            }
        }
    }

    /// <returns>Null when <paramref name="alias"/> may be used, otherwise why not.</returns>
    public string? ValidateAlias(string alias)
    {
        if (alias.Length is < MinAliasLength or > MaxAliasLength)
        {
            return $"An alias is {MinAliasLength} to {MaxAliasLength} characters long.";
        }

        if (alias.AsSpan().ContainsAnyExcept(AliasCharacters))
        {
            return "An alias may contain only letters A-Z and a-z, digits, '-' and '_'.";
        }

        return _reserved.Contains(alias) ? $"'{alias}' is reserved by the service; choose another alias." : null;
    }

    /// <summary>Whether <paramref name="path"/> could name a link at all; cheap enough for every redirect.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> path) =>
        path.Length is > 0 and <= MaxAliasLength && !path.ContainsAnyExcept(AliasCharacters);
}
