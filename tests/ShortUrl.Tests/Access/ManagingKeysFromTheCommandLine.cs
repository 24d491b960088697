using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ShortUrl.Tests.Access;

/// <summary>
/// <c>dotnet ShortUrl.dll keys add|list|revoke</c> on the published build: against the configured database, migrated
/// first, without a web server; 0 on success, 1 and one line on bad usage.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class ManagingKeysFromTheCommandLine : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("shorturl-keys-").FullName;

    private string DatabasePath => Path.Combine(_folder, "data", "shorturl.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TheFirstAdminKeyOnAFreshInstallIsOneCommandAndOpensTheApi()
    {
        var added = await ServiceCommand.RunAsync(DatabasePath, "keys", "add", "--name", "admin", "--role", "admin");

        Assert.Equal(0, added.ExitCode);
        var key = added.Output.Trim();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("only", added.Errors);
        await using var service = await ServiceProcess.StartAsync(DatabasePath, "--ShortUrl:Anonymous=None");
        var anonymous = await service.Client.GetAsync("/api/urls/recent");
        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/api/access").WithKey(key);
        var access = await (await service.Client.SendAsync(withKey)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("""{"name":"admin","role":"admin"}""", access.GetProperty("caller").GetRawText());
    }

    [Fact]
    public async Task ConfigurationGivenBeforeTheWordKeysStillManagesKeysInsteadOfStartingTheService()
    {
        var config = $"--ShortUrl:ApiKeys:0={TestKeys.HashOf(TestKeys.Admin)}";

        var added = await ServiceCommand.RunAsync(DatabasePath, config, "--ShortUrl:Anonymous", "None", "keys", "add", "--name", "dave", "--role", "author");
        var list = await ServiceCommand.RunAsync(DatabasePath, config, "keys", "list");

        Assert.Equal(0, added.ExitCode);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", added.Output.Trim());
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"(?m)^dave +author +database ", list.Output);
    }

    [Fact]
    public async Task ListShowsNamesRolesAndUsesOfBothSourcesButNeverAHash()
    {
        var authorKey = (await ServiceCommand.RunAsync(DatabasePath, "keys", "add", "--name=alice", "--role=author")).Output.Trim();
        var config = $"--ShortUrl:ApiKeys:0={TestKeys.HashOf(TestKeys.Admin)}";
        await using (var service = await ServiceProcess.StartAsync(DatabasePath, config))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/urls/recent").WithKey(authorKey);
            Assert.Equal(HttpStatusCode.OK, (await service.Client.SendAsync(request)).StatusCode);
            Assert.Equal(0, await service.StopAsync());
        }

        var list = await ServiceCommand.RunAsync(DatabasePath, "keys", "list", config);

        Assert.Equal(0, list.ExitCode);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches("^NAME +ROLE +SOURCE +CREATED +LAST USED$", lines[0]);
        Assert.Matches(@"^ApiKeys:0 +admin +configuration +- +never$", lines[1]);
        Assert.Matches(@"^alice +author +database +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", lines[2]);
        Assert.DoesNotContain(TestKeys.HashOf(authorKey), list.Output + list.Errors);
        Assert.DoesNotContain(TestKeys.HashOf(TestKeys.Admin), list.Output + list.Errors);
    }

    [Fact]
    public async Task ARevokedKeyIsGoneFromTheListAndRefused()
    {
        var key = (await ServiceCommand.RunAsync(DatabasePath, "keys", "add", "--name", "bob", "--role", "author")).Output.Trim();

        var revoked = await ServiceCommand.RunAsync(DatabasePath, "keys", "revoke", "bob");
        var again = await ServiceCommand.RunAsync(DatabasePath, "keys", "revoke", "bob");
        var list = await ServiceCommand.RunAsync(DatabasePath, "keys", "list");

        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("no key named 'bob'", again.Errors);
        Assert.DoesNotContain("bob", list.Output);
        await using var service = await ServiceProcess.StartAsync(DatabasePath);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/access").WithKey(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task AKeyAddedUnderTheNameOfARevokedOneHasNeverBeenUsed()
    {
        var first = (await ServiceCommand.RunAsync(DatabasePath, "keys", "add", "--name", "erin", "--role", "author")).Output.Trim();
        await using (var service = await ServiceProcess.StartAsync(DatabasePath))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/access").WithKey(first);
            Assert.Equal(HttpStatusCode.OK, (await service.Client.SendAsync(request)).StatusCode);
            // Revoked while the service still holds the key's use; its stop writes that use after the revoke.
            Assert.Equal(0, (await ServiceCommand.RunAsync(DatabasePath, "keys", "revoke", "erin")).ExitCode);
            Assert.Equal(0, await service.StopAsync());
        }

        await Task.Delay(1_100); // the times listed are to the second
        Assert.Equal(0, (await ServiceCommand.RunAsync(DatabasePath, "keys", "add", "--name", "erin", "--role", "author")).ExitCode);
        var list = await ServiceCommand.RunAsync(DatabasePath, "keys", "list");

        Assert.Matches(@"(?m)^erin +author +database +\S+ \S+ UTC +never$", list.Output);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("revoke|erin")]
    public async Task ListingOrRevokingWhereThereIsNoDatabaseSaysSoAndMakesNone(string command)
    {
        var outcome = await ServiceCommand.RunAsync(DatabasePath, ["keys", .. command.Split('|')]);

        AssertOneLineFailure(outcome, "there is no database at");
        Assert.False(File.Exists(DatabasePath), "a mistyped path gets no new, empty database");
    }

    [Fact]
    public async Task ANameTakenAlreadyIsRefusedAndTheFirstKeyKeepsWorking()
    {
        await ServiceCommand.RunAsync(DatabasePath, "keys", "add", "--name", "carol", "--role", "author");

        var again = await ServiceCommand.RunAsync(DatabasePath, "keys", "add", "--name", "carol", "--role", "admin");

        AssertOneLineFailure(again, "exists already");
        Assert.Equal(string.Empty, again.Output);
    }

    [Fact]
    public async Task TheNameOfAConfigurationKeyCannotBeAddedNorRevoked()
    {
        string[] configured = ["--ShortUrl:ApiKeys:0:Name=ci", "--ShortUrl:ApiKeys:0:Role=author", $"--ShortUrl:ApiKeys:0:Hash={TestKeys.HashOf("ci")}"];

        var added = await ServiceCommand.RunAsync(DatabasePath, ["keys", "add", "--name", "ci", "--role", "admin", .. configured]);
        var revoked = await ServiceCommand.RunAsync(DatabasePath, ["keys", "revoke", "ci", .. configured]);

        AssertOneLineFailure(added, "a key in the configuration");
        AssertOneLineFailure(revoked, "remove it from ShortUrl:ApiKeys");
    }

    [Theory]
    [InlineData("keys", "no command given")]
    [InlineData("keys|add|--name|alice", "needs --name and --role")]
    [InlineData("keys|add|--name|alice|--role|boss", "admin or author")]
    [InlineData("keys|add|--name|al ice|--role|author", "name")]
    [InlineData("keys|add|--name|alice|--role", "--role needs a value")]
    [InlineData("keys|remove|alice", "'remove' is not a keys command")]
    [InlineData("keys|list|--verbose", "'--verbose' is not an option")]
    [InlineData("keys|revoke", "the name of one key")]
    public async Task BadUsageExitsWith1AndOneLine(string args, string saying)
    {
        var outcome = await ServiceCommand.RunAsync(DatabasePath, args.Split('|'));

        AssertOneLineFailure(outcome, saying);
        Assert.False(File.Exists(DatabasePath), "bad usage touches no database");
    }

    private static void AssertOneLineFailure(ServiceCommand.Outcome outcome, string saying)
    {
        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(saying, line);
        Assert.DoesNotContain("Exception", line);
    }
}
