using System.Globalization;

namespace Seeder;

/// <summary>A seeded link: its code, target, and with labels a title and the indexes of its tags in <see cref="SeededLabels.Tags"/>.</summary>
internal sealed record SeededLink(string Code, string Url, string? Title, int[] TagIndexes);

/// <summary>The same links every run for a count: 7-character codes from a random sequence seeded with the count.</summary>
internal static class SeededLinks
{
    public static readonly string CreatedAt = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static IEnumerable<SeededLink> Generate(int count, bool labels)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new Random(count);
        var labelRandom = new Random(count + 1);
        var codes = new HashSet<string>(count, StringComparer.Ordinal);
        var code = new char[7];
        var n = 0;
        while (codes.Count < count)
        {
            for (var i = 0; i < code.Length; i++)
            {
                code[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(code);
            if (!codes.Add(text))
            {
                continue;
            }

            var url = $"https://example.com/articles/{n++:D7}/a-page-worth-sharing?utm_source=bench";
            yield return labels
                ? new SeededLink(text, url, SeededLabels.Title(labelRandom), SeededLabels.TagsOf(labelRandom))
                : new SeededLink(text, url, null, []);
        }
    }
}
