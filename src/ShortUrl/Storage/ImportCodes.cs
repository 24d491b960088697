namespace ShortUrl.Storage;

/// <summary>The codes an import tries for one link, in order, until one is free.</summary>
internal static class ImportCodes
{
    /// <summary>Generated codes tried for one imported link before giving up; a collision is already rare.</summary>
    public const int GeneratedAttempts = 10;

    /// <summary>The link's alias alone (a taken alias is the caller's answer), or up to <see cref="GeneratedAttempts"/> new codes.</summary>
    public static IEnumerable<string> For(ImportedLink link, Func<string> newCode)
    {
        if (link.Alias is not null)
        {
            yield return link.Alias;
            yield break;
        }

        for (var attempt = 0; attempt < GeneratedAttempts; attempt++)
        {
            yield return newCode();
        }
    }
}
