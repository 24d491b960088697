namespace ShortUrl.Tests.Access;

/// <summary>
/// Keys and the anonymous mode in the configuration: a faulty entry stops the start with one line naming it. (That both
/// shapes of <c>ShortUrl:ApiKeys</c> work, the bare hash and the named key, the access matrix shows.)
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class ConfiguringKeys : IDisposable
{
    private static readonly string Hash = TestKeys.HashOf("a-key");

    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-keyconfig-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string> BadSettings => new()
    {
        { "--ShortUrl:ApiKeys:0=not-a-hash", "ShortUrl:ApiKeys:0 holds the SHA-256 hash" },
        { $"--ShortUrl:ApiKeys:0:Name=ci|--ShortUrl:ApiKeys:0:Role=author", "ShortUrl:ApiKeys:0:Hash" },
        { $"--ShortUrl:ApiKeys:0:Name=ci|--ShortUrl:ApiKeys:0:Hash={Hash}", "ShortUrl:ApiKeys:0:Role must be admin or author" },
        { $"--ShortUrl:ApiKeys:0:Name=c i|--ShortUrl:ApiKeys:0:Role=author|--ShortUrl:ApiKeys:0:Hash={Hash}", "ShortUrl:ApiKeys:0:Name" },
        { $"--ShortUrl:ApiKeys:0:Name=ci|--ShortUrl:ApiKeys:0:Role=boss|--ShortUrl:ApiKeys:0:Hash={Hash}", "not 'boss'" },
        {
            $"--ShortUrl:ApiKeys:0:Name=ci|--ShortUrl:ApiKeys:0:Role=author|--ShortUrl:ApiKeys:0:Hash={Hash}"
            + $"|--ShortUrl:ApiKeys:1:Name=ci|--ShortUrl:ApiKeys:1:Role=admin|--ShortUrl:ApiKeys:1:Hash={TestKeys.HashOf("another")}",
            "ShortUrl:ApiKeys:1:Name 'ci' is taken"
        },
        { "--ShortUrl:Anonymous=Everyone", "ShortUrl:Anonymous" },
        { "--ShortUrl:Anonymous=7", "ShortUrl:Anonymous must be CreateAndList, Create or None" },
        { "--ShortUrl:RequireApiKeyForCreate=true|--ShortUrl:Anonymous=Create", "contradicts ShortUrl:Anonymous=Create" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task AFaultyKeyOrModeStopsTheStartWithOneLineNamingIt(string settings, string saying)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(Path.Combine(_folder, "shorturl.db"), settings.Split('|'));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("ShortUrl cannot start: ", line);
        Assert.Contains(saying, line);
        Assert.DoesNotContain("Exception", line);
    }
}
