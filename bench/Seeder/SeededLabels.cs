using System.Text;

namespace Seeder;

/// <summary>
/// Titles and tags for the search benchmark: titles of three to five words from a vocabulary of 4,096 made-up words
/// (so a word is in about one title in a thousand, as a real word of a real collection might be), and on three links
/// in ten one to three tags out of 200.
/// </summary>
internal static class SeededLabels
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "ri", "ten", "mar", "vo", "shi", "pel", "du", "nor", "bia", "fen", "gar", "tu", "los", "qui",
        "zan", "mo", "ber", "ci", "dra", "ex", "fo", "hal", "jun", "kel", "lum", "nix", "or", "pra", "sol", "tav",
    ];

    public static readonly string[] Words = MakeWords(4096, 1);

    public static readonly string[] Tags = MakeWords(200, 2).Select((word, i) => i % 5 == 0 ? $"{word} notes" : word).ToArray();

    public static string Title(Random random)
    {
        var words = new string[random.Next(3, 6)];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = Words[random.Next(Words.Length)];
        }

        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }

    public static int[] TagsOf(Random random) =>
        random.Next(10) < 3 ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(Tags.Length)).Distinct().ToArray() : [];

    /// <summary>
    /// Search texts as people type them: a whole word of the titles (four in ten), the first five letters of one (three in
    /// ten), a tag (two in ten), or five characters of an article number in the targets (one in ten).
    /// </summary>
    public static int WriteQueries(int count, string file)
    {
        var random = new Random(count);
        using var queries = new StreamWriter(file);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(10);
            var word = Words[random.Next(Words.Length)];
            queries.WriteLine(kind switch
            {
                < 4 => word,
                < 7 => word[..Math.Min(5, word.Length)],
                < 9 => Tags[random.Next(Tags.Length)],
                _ => random.Next(100_000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return 0;
    }

    private static string[] MakeWords(int count, int seed)
    {
        var random = new Random(seed);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        while (words.Count < count)
        {
            word.Clear();
            for (var syllables = random.Next(2, 4); syllables > 0; syllables--)
            {
                word.Append(Syllables[random.Next(Syllables.Length)]);
            }

            words.Add(word.ToString());
        }

        return [.. words];
    }
}
