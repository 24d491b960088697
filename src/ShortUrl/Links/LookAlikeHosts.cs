namespace ShortUrl.Links;

/// <summary>
/// Whether a host name, in Unicode, could pass for another one: the checks of the IDN display policy browsers use for
/// their address bars (Chromium's), in simplified form. A label that mixes scripts (except Latin with the scripts
/// written together in Chinese, Japanese and Korean names), that is written only in Cyrillic, Greek, Armenian or Cherokee
/// letters that look like Latin ones (under a top-level domain not of that script), or that holds an invisible or imitating
/// character, is not to be shown in Unicode.
/// </summary>
internal static class LookAlikeHosts
{
    // The letters of each script that look like Latin letters: а for a, ѕ for s, ο for o, օ for o and so on.
    private static readonly Dictionary<HostScript, string> LatinLookAlikes = new()
    {
        [HostScript.Cyrillic] = "асԁеһіјӏорԛѕԝхуъьҽпгѵѡ",
        [HostScript.Greek] = "αικνορτυχγωηε",
        [HostScript.Armenian] = "օսհոզց",
        [HostScript.Cherokee] = "ᎠᎡᎢᎥᎩᎪᎫᎬᎳᎷᎻᏀᏂᏃᏏᏔᏙᏚᏞᏟᏢᏦᏴ",
    };

    // Scripts that are written together in one name: Latin with Han and kana, Han and Bopomofo, Han and Hangul.
    private static readonly HostScript[][] Combinations =
    [
        [HostScript.Latin, HostScript.Han, HostScript.Hiragana, HostScript.Katakana],
        [HostScript.Latin, HostScript.Han, HostScript.Bopomofo],
        [HostScript.Latin, HostScript.Han, HostScript.Hangul],
    ];

    /// <summary>Why <paramref name="host"/> (in Unicode) could pass for another name, or null when it reads as itself.</summary>
    public static string? Caution(string host)
    {
        var labels = host.TrimEnd('.').Split('.');
        var topLevelScripts = ScriptsOf(labels[^1]).Scripts;
        foreach (var label in labels)
        {
            var (scripts, invisible, imitating) = ScriptsOf(label);
            if (invisible)
            {
                return "it contains invisible characters";
            }

            if (imitating)
            {
                return "it contains characters that imitate other letters or signs";
            }

            if (scripts.Count > 1 && !Combinations.Any(allowed => scripts.All(script => allowed.Contains(script.Script))))
            {
                var names = scripts.Select(script => script.Script == HostScript.Other ? "another script" : script.Script.ToString()).Distinct();
                return $"it mixes letters of different scripts ({string.Join(" and ", names)})";
            }

            if (scripts.Count == 1 && scripts.First() is var only && !topLevelScripts.Contains(only) && LooksLatin(label, only.Script))
            {
                return $"it is written in {only.Script} letters that look like Latin ones";
            }
        }

        return null;
    }

    private static bool LooksLatin(string label, HostScript script) =>
        LatinLookAlikes.TryGetValue(script, out var letters)
        && label.EnumerateRunes().All(rune => HostScripts.Of(rune).Script != script || letters.Contains(rune.ToString(), StringComparison.Ordinal));

    private static (HashSet<(HostScript Script, int Block)> Scripts, bool Invisible, bool Imitating) ScriptsOf(string label)
    {
        var scripts = new HashSet<(HostScript, int)>();
        bool invisible = false, imitating = false, latin = false;
        foreach (var rune in label.EnumerateRunes())
        {
            var script = HostScripts.Of(rune);
            switch (script.Script)
            {
                case HostScript.Common:
                    break;
                case HostScript.Invisible:
                    invisible = true;
                    break;
                case HostScript.Imitating:
                    imitating = true;
                    break;
                case HostScript.Inherited:
                    // A combining accent on a Latin letter makes a look-alike of a letter that has one of its own (é, ó).
                    imitating |= latin;
                    break;
                default:
                    latin |= script.Script == HostScript.Latin;
                    scripts.Add(script);
                    break;
            }
        }

        return (scripts, invisible, imitating);
    }
}
