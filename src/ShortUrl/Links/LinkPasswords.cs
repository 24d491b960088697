using Microsoft.AspNetCore.Identity;
namespace ShortUrl.Links;

/// <summary>
/// Link passwords, kept only as ASP.NET Core Identity's password hashes: PBKDF2 with HMAC-SHA512, a random 128-bit salt
/// and 100,000 iterations, all recorded in the hash itself so that stronger settings later still verify old hashes.
/// </summary>
internal static class LinkPasswords
{
    public const int MaxLength = 200;

    private static readonly PasswordHasher<Link> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <remarks>Deliberately slow (tens of milliseconds), which is what makes guessing expensive.</remarks>
    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(null!, hash, password) is not PasswordVerificationResult.Failed;
}
