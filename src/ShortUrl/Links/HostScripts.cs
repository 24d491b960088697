namespace ShortUrl.Links;

/// <summary>What a character of a host name is, as far as telling a name from its look-alikes needs it.</summary>
internal enum HostScript
{
    /// <summary>ASCII digits and the hyphen: they belong to every script.</summary>
    Common,

    /// <summary>Combining marks that take the script of the letter before them.</summary>
    Inherited,

    /// <summary>Invisible: format characters, spaces, fillers, variation selectors.</summary>
    Invisible,

    /// <summary>Symbols, punctuation and phonetic letters that imitate the letters and signs of a name (⁄, ɡ, ʻ).</summary>
    Imitating,

    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Syriac,
    Thaana,
    Devanagari,
    Bengali,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
    Thai,
    Lao,
    Tibetan,
    Myanmar,
    Georgian,
    Ethiopic,
    Cherokee,
    Khmer,
    Mongolian,
    Hangul,
    Hiragana,
    Katakana,
    Bopomofo,
    Han,

    /// <summary>A letter of a script this table does not name: each Unicode block counts as a script of its own.</summary>
    Other,
}

/// <summary>
/// The script of each character of a host name, from the Unicode blocks of the scripts domain names are written in. A
/// simplified stand-in for the Unicode Script property (which .NET does not expose): good enough to see that a name
/// mixes scripts, which is what the display rule asks.
/// </summary>
internal static class HostScripts
{
    private static readonly (int First, int Last, HostScript Script)[] Blocks =
    [
        (0x0041, 0x005A, HostScript.Latin), (0x0061, 0x007A, HostScript.Latin), (0x00AA, 0x00AA, HostScript.Latin),
        (0x00BA, 0x00BA, HostScript.Latin), (0x00C0, 0x00D6, HostScript.Latin), (0x00D8, 0x00F6, HostScript.Latin),
        (0x00F8, 0x024F, HostScript.Latin),
        // IPA letters and spacing modifiers: ɡ, ɑ and ʻ pass for g, a and an apostrophe.
        (0x0250, 0x02FF, HostScript.Imitating),
        (0x0300, 0x036F, HostScript.Inherited), (0x0370, 0x03FF, HostScript.Greek), (0x0400, 0x052F, HostScript.Cyrillic),
        (0x0530, 0x058F, HostScript.Armenian), (0x0590, 0x05FF, HostScript.Hebrew), (0x0600, 0x06FF, HostScript.Arabic),
        (0x0700, 0x074F, HostScript.Syriac), (0x0750, 0x077F, HostScript.Arabic), (0x0780, 0x07BF, HostScript.Thaana),
        (0x08A0, 0x08FF, HostScript.Arabic), (0x0900, 0x097F, HostScript.Devanagari), (0x0980, 0x09FF, HostScript.Bengali),
        (0x0A00, 0x0A7F, HostScript.Gurmukhi), (0x0A80, 0x0AFF, HostScript.Gujarati), (0x0B00, 0x0B7F, HostScript.Oriya),
        (0x0B80, 0x0BFF, HostScript.Tamil), (0x0C00, 0x0C7F, HostScript.Telugu), (0x0C80, 0x0CFF, HostScript.Kannada),
        (0x0D00, 0x0D7F, HostScript.Malayalam), (0x0D80, 0x0DFF, HostScript.Sinhala), (0x0E00, 0x0E7F, HostScript.Thai),
        (0x0E80, 0x0EFF, HostScript.Lao), (0x0F00, 0x0FFF, HostScript.Tibetan), (0x1000, 0x109F, HostScript.Myanmar),
        (0x10A0, 0x10FF, HostScript.Georgian), (0x1100, 0x11FF, HostScript.Hangul), (0x1200, 0x139F, HostScript.Ethiopic),
        (0x13A0, 0x13FF, HostScript.Cherokee), (0x1780, 0x17FF, HostScript.Khmer), (0x1800, 0x18AF, HostScript.Mongolian),
        (0x1AB0, 0x1AFF, HostScript.Inherited), (0x1C80, 0x1C8F, HostScript.Cyrillic), (0x1DC0, 0x1DFF, HostScript.Inherited),
        (0x1E00, 0x1EFF, HostScript.Latin), (0x1F00, 0x1FFF, HostScript.Greek), (0x20D0, 0x20FF, HostScript.Inherited),
        (0x2C60, 0x2C7F, HostScript.Latin), (0x2D00, 0x2D2F, HostScript.Georgian), (0x2DE0, 0x2DFF, HostScript.Cyrillic),
        (0x3005, 0x3007, HostScript.Han), (0x3040, 0x309F, HostScript.Hiragana), (0x30A0, 0x30FF, HostScript.Katakana),
        (0x3100, 0x312F, HostScript.Bopomofo), (0x3130, 0x318F, HostScript.Hangul), (0x31A0, 0x31BF, HostScript.Bopomofo),
        (0x31F0, 0x31FF, HostScript.Katakana), (0x3400, 0x4DBF, HostScript.Han), (0x4E00, 0x9FFF, HostScript.Han),
        (0xA640, 0xA69F, HostScript.Cyrillic), (0xA720, 0xA7FF, HostScript.Latin), (0xAB30, 0xAB6F, HostScript.Latin),
        (0xAC00, 0xD7AF, HostScript.Hangul), (0xF900, 0xFAFF, HostScript.Han), (0xFB1D, 0xFB4F, HostScript.Hebrew),
        (0xFB50, 0xFDFF, HostScript.Arabic), (0xFE20, 0xFE2F, HostScript.Inherited), (0xFE70, 0xFEFF, HostScript.Arabic),
        (0x20000, 0x3134F, HostScript.Han),
    ];

    /// <summary>Default-ignorable code points that are letters or marks by category but show nothing.</summary>
    private static readonly (int First, int Last)[] Ignorable =
    [
        (0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F), (0x3164, 0x3164), (0xFE00, 0xFE0F),
        (0xFFA0, 0xFFA0), (0xE0100, 0xE01EF),
    ];

    /// <summary>The script of <paramref name="rune"/>; <see cref="HostScript.Other"/> comes with its block.</summary>
    public static (HostScript Script, int Block) Of(Rune rune)
    {
        var value = rune.Value;
        if (rune.IsAscii && (Rune.IsDigit(rune) || value == '-'))
        {
            return (HostScript.Common, 0);
        }

        if (Contains(Ignorable, value))
        {
            return (HostScript.Invisible, 0);
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned)
        {
            return (HostScript.Invisible, 0);
        }

        if (!(Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber))
        {
            return (HostScript.Imitating, 0);
        }

        var (low, high) = (0, Blocks.Length - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var (first, last, script) = Blocks[middle];
            if (value < first)
            {
                high = middle - 1;
            }
            else if (value > last)
            {
                low = middle + 1;
            }
            else
            {
                return (script, 0);
            }
        }

        return (HostScript.Other, value >> 7);
    }

    private static bool Contains((int First, int Last)[] ranges, int value)
    {
        foreach (var (first, last) in ranges)
        {
            if (value >= first && value <= last)
            {
                return true;
            }
        }

        return false;
    }
}
