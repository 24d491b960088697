using System.Net;
using System.Net.Sockets;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Hosting;

/// <summary>A start that cannot work stops at once with one line saying why, and no stack trace.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class RefusingBadConfiguration : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-badconfig-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string> BadSettings => new()
    {
        { "--ShortUrl:RedirectStatusCode=303", "ShortUrl:RedirectStatusCode" },
        { "--ShortUrl:RedirectStatusCode=abc", "ShortUrl:RedirectStatusCode" },
        { "--ShortUrl:BaseUrl=not a url", "ShortUrl:BaseUrl" },
        { "--ShortUrl:BaseUrl=ftp://sho.rt/", "ShortUrl:BaseUrl" },
        { "--ShortUrl:BaseUrl=https://user:pass@sho.rt/", "ShortUrl:BaseUrl" },
        { "--ShortUrl:CodeLength=2", "ShortUrl:CodeLength" },
        { "--ShortUrl:CacheSize=-1", "ShortUrl:CacheSize" },
        { "--ShortUrl:LinkIndexSize=100000001", "ShortUrl:LinkIndexSize" },
        { "--ShortUrl:ClickWriteIntervalMilliseconds=0", "ShortUrl:ClickWriteIntervalMilliseconds" },
        { "--ShortUrl:MaxPendingVisits=999", "ShortUrl:MaxPendingVisits" },
        { "--ShortUrl:MigrationsPath=/no/such/folder", "ShortUrl:MigrationsPath" },
        { "--ConnectionStrings:ShortUrl=", "ConnectionStrings:ShortUrl" },
        { "--AllowedHosts=https://sho.rt/path", "AllowedHosts" },
        { "--AllowedHosts=sho.rt;sho.rt:8080", "AllowedHosts" },
        { "--ShortUrl:RateLimit:PermitLimit=-1", "ShortUrl:RateLimit:PermitLimit" },
        { "--ShortUrl:PasswordAttempts:PerLinkLimit=0", "ShortUrl:PasswordAttempts:PerLinkLimit" },
        { "--ShortUrl:PasswordAttempts:ConcurrentChecks=0", "ShortUrl:PasswordAttempts:ConcurrentChecks" },
        { "--ShortUrl:PasswordAttempts:QueuedChecks=-1", "ShortUrl:PasswordAttempts:QueuedChecks" },
        { "--ShortUrl:TrustedProxies=10.0.0.1,not-an-address", "ShortUrl:TrustedProxies" },
        { "--ShortUrl:TrustedProxies=10.0.0.0/99", "ShortUrl:TrustedProxies" },
        { "--ShortUrl:TrustedProxies:0=proxy.internal", "ShortUrl:TrustedProxies" },
        { "--ShortUrl:Metrics:Port=9464", "ShortUrl:Metrics:Port" },
        { "--ShortUrl:Metrics:Port=0", "ShortUrl:Metrics:Port" },
        { "--ShortUrl:Metrics:Prometheus=yes", "ShortUrl:Metrics:Prometheus" },
        // Read when the host is built, before anything of the service's runs.
        { "--Logging:LogLevel:Default=Loud", "Logging:LogLevel" },
        { "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Infromation", "Logging:LogLevel" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task AnInvalidSettingStopsTheStartWithOneLineNamingIt(string setting, string named)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(Path.Combine(_folder, "shorturl.db"), setting);

        AssertFailedWithOneLine(exitCode, output, named);
    }

    [Theory]
    [InlineData("PermitLimit")]
    [InlineData("WindowSeconds")]
    [InlineData("PerLinkLimit")]
    [InlineData("ConcurrentChecks")]
    public async Task OneBadPasswordAttemptsSettingIsNamedAlone(string key)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(Path.Combine(_folder, "shorturl.db"), $"--ShortUrl:PasswordAttempts:{key}=0");

        AssertFailedWithOneLine(exitCode, output, $"ShortUrl:PasswordAttempts:{key}");
        Assert.Single(output.Split("ShortUrl:PasswordAttempts:"), part => part.StartsWith(key, StringComparison.Ordinal));
        Assert.Equal(2, output.Split("ShortUrl:PasswordAttempts:").Length);
    }

    [Fact]
    public async Task TheLineIsTheMessageWithoutTheValidatorsFrame()
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(Path.Combine(_folder, "shorturl.db"), "--ShortUrl:CodeLength=2");

        AssertFailedWithOneLine(exitCode, output, "ShortUrl:CodeLength");
        Assert.Equal("ShortUrl cannot start: ShortUrl:CodeLength must be from 4 to 32.", output.Trim());
    }

    [Fact]
    public async Task ADatabasePathUnderARegularFileStopsTheStartWithOneLine()
    {
        // Tests run as root, for whom no permission bit stops a write; a file where a folder must be does.
        var file = Path.Combine(_folder, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(Path.Combine(file, "data", "shorturl.db"));

        AssertFailedWithOneLine(exitCode, output, "ConnectionStrings:ShortUrl");
    }

    [Fact]
    public async Task ADatabaseFileThatIsNotADatabaseStopsTheStartWithOneLine()
    {
        var path = Path.Combine(_folder, "garbage.db");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(path);

        AssertFailedWithOneLine(exitCode, output, "ConnectionStrings:ShortUrl");
    }

    [Fact]
    public async Task AnAddressAnotherProcessListensOnStopsTheStartWithOneLineNamingIt()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var taken = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(Path.Combine(_folder, "shorturl.db"), $"--urls={taken}");

        var line = AssertFailedWithOneLineAmongTheLog(exitCode, output, "--urls");
        Assert.Contains(taken, line);
    }

    [Theory]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("not-a-url")]
    [InlineData("ftp://127.0.0.1:5297")]
    [InlineData("http://[::ffff:127.0.0.1]:5297")] // parsed, but no socket can be bound to it
    public async Task AnAddressThatIsNotOneStopsTheStartWithOneLineNamingTheSetting(string address)
    {
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(Path.Combine(_folder, "shorturl.db"), $"--urls={address}");

        AssertFailedWithOneLineAmongTheLog(exitCode, output, "--urls");
    }

    /// <summary>
    /// For failures when the server binds: the schema is applied, and logged, before that, and the index loader may log
    /// after it, so the failure is one line among those.
    /// </summary>
    private static string AssertFailedWithOneLineAmongTheLog(int exitCode, string output, string named)
    {
        Assert.Equal(1, exitCode);
        var line = Assert.Single(
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            line => line.StartsWith("ShortUrl cannot start: ", StringComparison.Ordinal));
        Assert.Contains(named, line);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", output);
        return line;
    }

    private static void AssertFailedWithOneLine(int exitCode, string output, string named)
    {
        Assert.Equal(1, exitCode); // as the README promises
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("ShortUrl cannot start: ", line);
        Assert.Contains(named, line);
        Assert.DoesNotContain("Exception", line);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", line); // a stack frame
    }
}
