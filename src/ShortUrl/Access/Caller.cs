namespace ShortUrl.Access;

/// <summary>What a key may do: <c>admin</c> everything, <c>author</c> create links and manage the ones it created.</summary>
internal enum ApiKeyRole
{
    Admin,
    Author,
}

/// <summary>The holder of a valid API key: the key's name (what its links record as their creator) and role.</summary>
internal sealed record Caller(string Name, ApiKeyRole Role)
{
    public bool IsAdmin => Role == ApiKeyRole.Admin;
}

/// <summary>Roles as configuration, the database and the API write them: <c>admin</c>, <c>author</c>.</summary>
internal static class ApiKeyRoles
{
    public static string ToText(ApiKeyRole role) => role == ApiKeyRole.Admin ? "admin" : "author";

    public static bool TryParse(string? text, out ApiKeyRole role)
    {
        role = ApiKeyRole.Author;
        if (string.Equals(text, "admin", StringComparison.OrdinalIgnoreCase))
        {
            role = ApiKeyRole.Admin;
            return true;
        }

        return string.Equals(text, "author", StringComparison.OrdinalIgnoreCase);
    }
}
