using Microsoft.Extensions.Configuration;
using ShortUrl.Hosting;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// The runtime's inline socket completions are chosen only where Kestrel's are the only sockets, and never against the
/// operator's own setting.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class InliningSocketCompletions
{
    [Fact]
    public void TheDefaultSqliteServiceInlinesThem() => Assert.True(ShouldInline([]));

    [Theory]
    [InlineData("ShortUrl:Database", "sqlite")]
    [InlineData("ShortUrl:FetchTitles", "false")]
    public void SettingsThatKeepKestrelsTheOnlySocketsStillInlineThem(string key, string value) =>
        Assert.True(ShouldInline(new() { [key] = value }));

    [Theory]
    [InlineData("ShortUrl:Database", "Postgres")]
    [InlineData("ShortUrl:FetchTitles", "true")]
    [InlineData("ShortUrl:FetchTitles", "not a boolean")]
    [InlineData("ShortUrl:Database", "Oracle")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317")]
    public void OtherSocketsOrSettingsInDoubtLeaveTheRuntimesDefault(string key, string value) =>
        Assert.False(ShouldInline(new() { [key] = value }));

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void AnOperatorsOwnSettingIsLeftAsItIs(string operatorsChoice) =>
        Assert.False(SocketCompletions.ShouldInline(Configuration([]), operatorsChoice));

    private static bool ShouldInline(Dictionary<string, string?> settings) =>
        SocketCompletions.ShouldInline(Configuration(settings), operatorsChoice: null);

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
