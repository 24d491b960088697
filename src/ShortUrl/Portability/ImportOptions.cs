using System.ComponentModel.DataAnnotations;
namespace ShortUrl.Portability;

/// <summary>The <c>ShortUrl:Import</c> configuration section: how much one import may ask for; validated when the service starts.</summary>
internal sealed class ImportOptions
{
    public const string SectionName = "ShortUrl:Import";

    /// <summary>Links one import may hold; a file with more is refused whole (413) before anything is imported.</summary>
    [Range(1, 1_000_000, ErrorMessage = "ShortUrl:Import:MaxRows must be from 1 to 1000000.")]
    public int MaxRows { get; set; } = 10_000;

    /// <summary>
    /// Rows with a password one import may hold (413 past it): each password is hashed with deliberately slow PBKDF2,
    /// so this bounds the CPU one request can take. 0: imports set no passwords.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "ShortUrl:Import:MaxPasswords must be from 0 to 1000000.")]
    public int MaxPasswords { get; set; } = 100;
}
