using System.Globalization;

namespace Seeder;

/// <summary>A seeded link: its code, target, and with labels a title and the indexes of its tags in <see cref="SeededLabels.Tags"/>.</summary>
internal sealed record SeededLink(string Code, string Url, string? Title, int[] TagIndexes);

/// <summary>
/// The same links every run for a count: 7-character codes from a random sequence seeded with the count, in the order
/// of their bytes, so that each row goes at the end of the code's index as it does at the end of the table: added at
/// random places, ten million codes would make a database's index rewrite its pages over and over once it outgrows
/// the cache.
/// </summary>
internal static class SeededLinks
{
    public static readonly string CreatedAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static IEnumerable<SeededLink> Generate(int count, bool labels)
    {
        var labelRandom = new Random(count + 1);
        var n = 0;
        foreach (var code in Codes(count))
        {
            var url = $"https://example.com/articles/{n++:D7}/a-page-worth-sharing?utm_source=bench";
            yield return labels
                ? new SeededLink(code, url, SeededLabels.Title(labelRandom), SeededLabels.TagsOf(labelRandom))
                : new SeededLink(code, url, null, []);
        }
    }

    private static List<string> Codes(int count)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new Random(count);
        var codes = new HashSet<string>(count, StringComparer.Ordinal);
        var code = new char[7];
        while (codes.Count < count)
        {
            for (var i = 0; i < code.Length; i++)
            {
                code[i] = alphabet[random.Next(alphabet.Length)];
            }

            codes.Add(new string(code));
        }

        var ordered = codes.ToList();
        ordered.Sort(StringComparer.Ordinal);
        return ordered;
    }
}
