using ShortUrl.Clicks;
namespace ShortUrl.Tests.Clicks;

[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class ClassifyingUserAgents
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge", "Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari", "macOS")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Linux")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome", "Android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1", "Chrome", "iOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", "Samsung Internet", "Android")]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "ChromeOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36", "Chrome", "Android")]
    [InlineData("SomethingElse/1.0", "Other", "Other")]
    public void PeopleGetTheirBrowserAndOsFamilies(string userAgent, string browser, string os)
    {
        Assert.Equal(new UserAgentClass(browser, os, Bot: false), new UserAgentClassifier().Classify(userAgent));
    }

    [Theory]
    [InlineData("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Slackbot")]
    [InlineData("Twitterbot/1.0", "Twitterbot")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Facebook")]
    [InlineData("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "Discordbot")]
    [InlineData("TelegramBot (like TwitterBot)", "TelegramBot")]
    [InlineData("WhatsApp/2.23.20.0", "WhatsApp")]
    [InlineData("LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "LinkedInBot")]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "Bingbot")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("Mozilla/5.0 (compatible; SomeNewCrawler/0.1; +https://example.com/crawler)", "Other bot")]
    public void CrawlersAndPreviewFetchersAreBotsByName(string userAgent, string name)
    {
        Assert.Equal(new UserAgentClass(name, UserAgentClassifier.Other, Bot: true), new UserAgentClassifier().Classify(userAgent));
    }

    [Fact]
    public void ARequestWithoutAUserAgentCountsAsAPersonOfUnknownBrowser()
    {
        Assert.Equal(new UserAgentClass("Other", "Other", Bot: false), new UserAgentClassifier().Classify(null));
    }

    [Fact]
    public void TheMemoryOfUserAgentsStaysBounded()
    {
        var classifier = new UserAgentClassifier();

        for (var i = 0; i < UserAgentClassifier.CacheCapacity * 2 + 10; i++)
        {
            Assert.False(classifier.Classify($"Firefox/{i}").Bot);
        }

        Assert.True(classifier.Remembered <= UserAgentClassifier.CacheCapacity);
    }
}
