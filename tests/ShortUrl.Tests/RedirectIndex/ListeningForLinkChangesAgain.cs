using System.Net;
using Npgsql;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.RedirectIndex;

/// <summary>
/// An instance on PostgreSQL whose LISTEN connection is cut (a database restart, a failover, a proxy's idle timeout)
/// hears nothing of the edits other instances make until it listens again, so it forgets every link it holds as it does.
/// Shown on two published services: the test cuts one's LISTEN connection (<c>pg_terminate_backend</c>) and edits a link
/// it holds on the other before it listens again.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Postgres)]
public sealed class ListeningForLinkChangesAgain : IAsyncLifetime
{
    /// <summary>The instance whose connection is cut, as <c>pg_stat_activity</c> names its connections.</summary>
    private const string CutOffName = "shorturl-cut-off";

    private readonly PostgresTestDatabase _database = TestPostgres.CreateDatabase();
    private ServiceProcess[] _instances = [];

    private ServiceProcess Editor => _instances[0];

    private ServiceProcess CutOff => _instances[1];

    public async Task InitializeAsync() => _instances = await Task.WhenAll(StartAsync("shorturl-editor"), StartAsync(CutOffName));

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _database.Dispose();
    }

    [Fact]
    public async Task AnEditMadeWhileAnInstanceWasNotListeningIsNotServedStaleOnceItListensAgain()
    {
        var code = (await Editor.Client.CreateLinkAsync("https://example.com/before-the-gap")).Code();
        var served = "https://example.com/before-the-gap";
        // The cut-off instance holds the link in memory now: only a notification, or forgetting, makes it read it again.
        Assert.Equal(served, await LocationAsync(CutOff, code));

        for (var attempt = 1; ; attempt++)
        {
            var listening = await ListeningConnectionAsync(notPid: 0);
            await TerminateAsync(listening.Pid);
            var target = $"https://example.com/edited-in-the-gap/{attempt}";
            Assert.Equal(HttpStatusCode.OK, (await Editor.Client.PatchLinkAsync(code, $$"""{"url": "{{target}}"}""")).StatusCode);
            var editedBy = await DatabaseClockAsync();
            var listeningAgain = await ListeningConnectionAsync(notPid: listening.Pid);

            await Wait.UntilAsync(async () => await LocationAsync(CutOff, code) == target, TimeSpan.FromSeconds(15),
                $"the instance that listened again to stop redirecting to {served}");
            if (listeningAgain.Since > editedBy)
            {
                // It listened again only after the edit was committed, so the edit's notification never reached it.
                return;
            }

            // It listened again before the edit and heard it as usual: the gap was too short this time.
            Assert.True(attempt < 5, "In five tries, the instance never listened again later than the edit was made.");
            served = target;
        }
    }

    private Task<ServiceProcess> StartAsync(string applicationName) => ServiceProcess.StartAsync(
        Path.Combine(Path.GetTempPath(), "not-used-on-postgres.db"),
        "--ShortUrl:Database=Postgres",
        $"--ConnectionStrings:ShortUrl={_database.ConnectionString};Application Name={applicationName}",
        $"--ShortUrl:ApiKeys:0={LinkLifecycleRequests.ApiKeyHash}");

    private static async Task<string?> LocationAsync(ServiceProcess instance, string code)
    {
        using var redirect = await instance.Client.GetAsync($"/{code}");
        return redirect.Headers.Location?.OriginalString;
    }

    /// <summary>The cut-off instance's LISTEN connection, once there is one other than <paramref name="notPid"/>, and when it began listening.</summary>
    private async Task<(int Pid, DateTime Since)> ListeningConnectionAsync(int notPid)
    {
        (int Pid, DateTime Since) found = default;
        await Wait.UntilAsync(async () =>
        {
            await using var connection = _database.Open();
            await using var query = new NpgsqlCommand(
                "SELECT pid, query_start FROM pg_stat_activity "
                + "WHERE datname = current_database() AND application_name = @name AND query LIKE 'LISTEN %' AND pid <> @notPid",
                connection);
            query.Parameters.AddWithValue("name", CutOffName);
            query.Parameters.AddWithValue("notPid", notPid);
            await using var rows = await query.ExecuteReaderAsync();
            if (!await rows.ReadAsync())
            {
                return false;
            }

            found = (rows.GetInt32(0), rows.GetDateTime(1));
            return true;
        }, TimeSpan.FromSeconds(30), "the cut-off instance to listen");
        return found;
    }

    private async Task TerminateAsync(int pid)
    {
        await using var connection = _database.Open();
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        terminate.Parameters.AddWithValue("pid", pid);
        Assert.True((bool)(await terminate.ExecuteScalarAsync())!);
    }

    private async Task<DateTime> DatabaseClockAsync()
    {
        await using var connection = _database.Open();
        await using var now = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        return (DateTime)(await now.ExecuteScalarAsync())!;
    }
}
