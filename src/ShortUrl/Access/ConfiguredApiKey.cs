using System.ComponentModel.DataAnnotations;

namespace ShortUrl.Access;

/// <summary>
/// One entry of <c>ShortUrl:ApiKeys</c>: a bare SHA-256 hash (as before roles existed: an admin key, named after its
/// place, <c>ApiKeys:0</c>), or a named key with <c>Name</c>, <c>Role</c> (<c>admin</c> or <c>author</c>) and <c>Hash</c>.
/// Both shapes share the list, which the configuration binder cannot tell apart, so <see cref="ReadAll"/> reads it.
/// </summary>
internal sealed class ConfiguredApiKey
{
    public string? Name { get; set; }

    public string? Role { get; set; }

    public string? Hash { get; set; }

    /// <summary>Its place in the list, as the configuration names it (<c>0</c>, <c>1</c>, ...).</summary>
    internal string Place { get; private init; } = "";

    /// <summary>Given as a bare hash: an admin key without a name of its own.</summary>
    internal bool IsBare { get; private init; }

    /// <summary>Every entry of <paramref name="section"/> (<c>ShortUrl:ApiKeys</c>), in order, whichever its shape.</summary>
    internal static List<ConfiguredApiKey> ReadAll(IConfigurationSection section) => section.GetChildren()
        .Select(entry => entry.GetChildren().Any()
            ? new ConfiguredApiKey { Place = entry.Key, Name = entry["Name"], Role = entry["Role"], Hash = entry["Hash"]?.Trim() }
            : new ConfiguredApiKey { Place = entry.Key, Hash = entry.Value?.Trim(), IsBare = true })
        .ToList();

    /// <summary>The entry as a known key; only for entries <see cref="Validate"/> found no fault with.</summary>
    internal (string Name, ApiKeyRole Role, string Hash) Resolve()
    {
        ApiKeyRoles.TryParse(Role, out var role);
        return IsBare ? ($"ApiKeys:{Place}", ApiKeyRole.Admin, Hash!.ToLowerInvariant()) : (Name!, role, Hash!.ToLowerInvariant());
    }

    /// <summary>Every fault of the list, each naming the entry.</summary>
    internal static IEnumerable<ValidationResult> Validate(IReadOnlyList<ConfiguredApiKey> keys)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var at = $"ShortUrl:ApiKeys:{key.Place}";
            if (!ApiKeyText.IsHash(key.Hash))
            {
                var shown = key.Hash is { Length: > 8 } hash ? hash[..8] + "..." : key.Hash ?? "";
                yield return Fault(key.IsBare
                    ? $"{at} holds the SHA-256 hash of a key (64 hex digits), not '{shown}'. Hash a key with: printf %s \"$KEY\" | sha256sum"
                    : $"{at}:Hash must be the SHA-256 hash of the key (64 hex digits), not '{shown}'. Hash a key with: printf %s \"$KEY\" | sha256sum");
            }

            if (key.IsBare)
            {
                continue;
            }

            if (!ApiKeyText.IsName(key.Name))
            {
                yield return Fault($"{at}:Name must be {ApiKeyText.NameRule}, not '{key.Name}'.");
            }
            else if (!names.Add(key.Name!))
            {
                yield return Fault($"{at}:Name '{key.Name}' is taken by an earlier entry; names are unique.");
            }

            if (!ApiKeyRoles.TryParse(key.Role, out _))
            {
                yield return Fault($"{at}:Role must be admin or author, not '{key.Role}'.");
            }
        }
    }

    private static ValidationResult Fault(string message) => new(message, ["ApiKeys"]);
}
