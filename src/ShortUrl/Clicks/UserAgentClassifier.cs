namespace ShortUrl.Clicks;

/// <summary>What the analytics keep of a user agent: a browser family, an OS family, and whether it is a bot.</summary>
/// <param name="Browser">The browser family, or for a bot its name.</param>
/// <param name="Os">The OS family; "Other" for bots.</param>
/// <param name="Bot">A crawler, link-preview fetcher or script.</param>
internal readonly record struct UserAgentClass(string Browser, string Os, bool Bot);

/// <summary>
/// Sorts user agents into coarse classes with small ordered tables of substrings (the first match wins), remembering
/// the answer for each distinct string it has seen, up to <see cref="CacheCapacity"/> of them. Used by the click writer
/// only, off the request path, so it needs no locking.
/// </summary>
internal sealed class UserAgentClassifier
{
    public const string Other = "Other";

    /// <summary>Distinct user agents remembered; past it the memory starts over, so a flood of odd ones cannot grow it.</summary>
    public const int CacheCapacity = 10_000;

    /// <summary>
    /// Crawlers, link-preview fetchers of chat apps and social networks, and scripts. A request without a user agent is
    /// not among them: it is counted as a person of an unknown browser, since nothing says otherwise. Nor is headless
    /// Chrome: it is a real browser, and end-to-end tests of pages that link here drive it like a person.
    /// </summary>
    private static readonly (string Substring, string Name)[] Bots =
    [
        // Telegram's fetcher says "like TwitterBot", so it comes first.
        ("TelegramBot", "TelegramBot"), ("Slackbot", "Slackbot"), ("Slack-ImgProxy", "Slackbot"), ("Twitterbot", "Twitterbot"),
        ("facebookexternalhit", "Facebook"), ("Facebot", "Facebook"), ("meta-externalagent", "Facebook"),
        ("Discordbot", "Discordbot"), ("WhatsApp", "WhatsApp"),
        ("LinkedInBot", "LinkedInBot"), ("SkypeUriPreview", "Skype"), ("redditbot", "Redditbot"),
        ("Pinterestbot", "Pinterestbot"), ("Mastodon", "Mastodon"), ("Bluesky", "Bluesky"), ("Iframely", "Iframely"),
        ("Embedly", "Embedly"), ("Googlebot", "Googlebot"), ("Google-InspectionTool", "Googlebot"), ("bingbot", "Bingbot"),
        ("Applebot", "Applebot"), ("DuckDuckBot", "DuckDuckBot"), ("YandexBot", "YandexBot"), ("Baiduspider", "Baiduspider"),
        ("curl/", "curl"), ("Wget/", "Wget"), ("python-requests", "Python"),
        ("python-urllib", "Python"), ("Go-http-client", "Go"), ("libwww-perl", "Perl"), ("node-fetch", "Node.js"),
        ("axios/", "Node.js"), ("Java/", "Java"),
        // Catch-alls last: crawlers name themselves, usually with a URL to read about them.
        ("bot/", "Other bot"), ("bot;", "Other bot"), ("bot)", "Other bot"), ("crawler", "Other bot"), ("spider", "Other bot"),
        ("+http", "Other bot"),
    ];

    /// <summary>Order matters: Edge and Opera also say Chrome, and Chrome also says Safari.</summary>
    private static readonly (string Substring, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("Opera", "Opera"),
        ("SamsungBrowser", "Samsung Internet"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"), ("Chromium/", "Chrome"), ("Safari/", "Safari"),
    ];

    /// <summary>Order matters: Android also says Linux, and iOS says "like Mac OS X".</summary>
    private static readonly (string Substring, string Name)[] OperatingSystems =
    [
        ("Windows", "Windows"), ("iPhone", "iOS"), ("iPad", "iOS"), ("iPod", "iOS"), ("Android", "Android"),
        ("CrOS", "ChromeOS"), ("Macintosh", "macOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
    ];

    private static readonly UserAgentClass Unknown = new(Other, Other, Bot: false);

    private readonly Dictionary<string, UserAgentClass> _seen = new(StringComparer.Ordinal);

    /// <summary>Distinct user agents remembered now.</summary>
    public int Remembered => _seen.Count;

    public UserAgentClass Classify(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return Unknown;
        }

        if (_seen.TryGetValue(userAgent, out var known))
        {
            return known;
        }

        if (_seen.Count >= CacheCapacity)
        {
            _seen.Clear();
        }

        var found = ClassifyUncached(userAgent);
        _seen[userAgent] = found;
        return found;
    }

    internal static UserAgentClass ClassifyUncached(string userAgent) =>
        FirstMatch(userAgent, Bots) is { } bot
            ? new UserAgentClass(bot, Other, Bot: true)
            : new UserAgentClass(FirstMatch(userAgent, Browsers) ?? Other, FirstMatch(userAgent, OperatingSystems) ?? Other, Bot: false);

    private static string? FirstMatch(string userAgent, (string Substring, string Name)[] table)
    {
        foreach (var (substring, name) in table)
        {
            if (userAgent.Contains(substring, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}
