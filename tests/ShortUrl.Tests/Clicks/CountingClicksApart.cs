using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShortUrl.Storage;
using ShortUrl.Storage.Sqlite;
using ShortUrl.Tests.Storage.Migrations;

namespace ShortUrl.Tests.Clicks;

/// <summary>
/// On SQLite the click writer adds clicks to a narrow table of their own, which a fold moves into the links' rows later
/// (migration 0005). Every read counts both; the release before, which reads the links' rows alone, finds the clicks
/// there once folded; and a new link never inherits what was written for a deleted one. These tests drive the store
/// itself, with no service running, so that no background fold moves anything behind them.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class CountingClicksApart : IAsyncLifetime
{
    private readonly MigrationDatabase _database = new();

    private StorageEngine Store => _database.Store;

    public async Task InitializeAsync() => await _database.MigrateAsync(MigrationFiles.OfThisBuild());

    public Task DisposeAsync()
    {
        Store.Dispose();
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ClicksWaitingToBeFoldedAreCountedByEveryRead()
    {
        var link = await CreateAsync("waiting");
        await AddClicksAsync(link, 3);

        Assert.Equal(3, (await Store.Links.FindAsync("waiting", TestContext.Timeout))!.Clicks);
        Assert.Equal(3, Assert.Single(await Store.Links.RecentAsync(10, TestContext.Timeout)).Clicks);
        Assert.Equal(3, Assert.Single(await Store.Portability.ExportAsync(null, TestContext.Timeout).ToListAsync()).Clicks);
        Assert.Equal(0, await ClicksTheReleaseBeforeReadsAsync("waiting"));
    }

    [Fact]
    public async Task FoldingMovesClicksToWhereTheReleaseBeforeReadsThemWithoutCountingThemTwice()
    {
        var link = await CreateAsync("folded");
        await AddClicksAsync(link, 4);
        await AddClicksAsync(link, 2);

        Assert.Equal(link.Id, await Store.Clicks.FoldClicksAsync(0, 100, TestContext.Timeout));

        Assert.Equal(6, await ClicksTheReleaseBeforeReadsAsync("folded"));
        Assert.Equal(6, (await Store.Links.FindAsync("folded", TestContext.Timeout))!.Clicks);
        Assert.Null(await Store.Clicks.FoldClicksAsync(0, 100, TestContext.Timeout));
    }

    [Fact]
    public async Task AFoldFindsEachPendingLinkByItsIdRatherThanWalkingEveryLinkBetweenThem()
    {
        // A thousand links clicked across a million: walking their id range read the whole table at every fold.
        using var connection = _database.Open();

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + SqliteStatements.FoldClicks, new { AfterId = 0, UpToId = 1_000_000 })).Select(step => step.Detail).ToList();

        Assert.Contains("SEARCH urls USING INTEGER PRIMARY KEY (rowid=?)", plan);
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN urls", StringComparison.Ordinal) || step.Contains("urls USING INTEGER PRIMARY KEY (rowid>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFoldTakesAtMostTheLinksItIsGivenAndGoesOnFromWhereTheLastStopped()
    {
        var links = new List<Link>();
        foreach (var code in (string[])["step-a", "step-b", "step-c"])
        {
            links.Add(await CreateAsync(code));
            await AddClicksAsync(links[^1], 1);
        }

        var first = await Store.Clicks.FoldClicksAsync(0, 2, TestContext.Timeout);
        Assert.Equal(links[1].Id, first);
        Assert.Equal(0, await ClicksTheReleaseBeforeReadsAsync("step-c"));

        Assert.Equal(links[2].Id, await Store.Clicks.FoldClicksAsync(first!.Value, 2, TestContext.Timeout));
        Assert.Null(await Store.Clicks.FoldClicksAsync(links[2].Id, 2, TestContext.Timeout));
        foreach (var link in links)
        {
            Assert.Equal(1, await ClicksTheReleaseBeforeReadsAsync(link.Code));
        }
    }

    [Fact]
    public async Task ANewLinkDoesNotInheritClicksWrittenForADeletedLinkWithItsId()
    {
        var deleted = await CreateAsync("deleted");
        Assert.True(await Store.Links.DeleteAsync("deleted", TestContext.Timeout));
        // The writer works in batches, so clicks taken just before a delete can reach the database after it.
        await AddClicksAsync(deleted, 5);

        var next = await CreateAsync("next");

        Assert.Equal(deleted.Id, next.Id);
        Assert.Equal(0, (await Store.Links.FindAsync("next", TestContext.Timeout))!.Clicks);
        Assert.Empty(await Store.Stats.ClicksByDayAsync(next.Id, 0, long.MaxValue, TestContext.Timeout));
    }

    [Fact]
    public async Task AClickLimitSetLaterCountsTheClicksWaitingToBeFolded()
    {
        var link = await CreateAsync("limited-later");
        await AddClicksAsync(link, 3);
        var changes = new LinkChanges(
            FieldChange<string>.Unchanged, FieldChange<DateTime?>.Unchanged, FieldChange<long?>.To(4), FieldChange<string?>.Unchanged);
        await Store.Links.UpdateAsync("limited-later", changes, TestContext.Timeout);

        Assert.True(await Store.Links.TryCountLimitedClickAsync(link.Id, TestContext.Timeout));
        Assert.False(await Store.Links.TryCountLimitedClickAsync(link.Id, TestContext.Timeout));
        Assert.Equal(4, (await Store.Links.FindAsync("limited-later", TestContext.Timeout))!.Clicks);
    }

    [Fact]
    public async Task AGracefulStopFoldsEveryClickForTheReleaseBefore()
    {
        // An hour between writes and between folds: the stop does all of it.
        using var factory = ShortUrlFactory.WithSettings(("ShortUrl:ClickWriteIntervalMilliseconds", "3600000"));
        var client = factory.CreateClient();
        var created = await client.PostAsJsonAsync("/api/urls", new { url = "https://example.com/at-stop", alias = "folded-at-stop" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(HttpStatusCode.Found, (await client.GetAsync("/folded-at-stop")).StatusCode);
        }

        await factory.Services.GetRequiredService<IHost>().StopAsync(TestContext.Timeout);

        Assert.Equal(7, await ClicksTheReleaseBeforeReadsAsync(factory.DatabasePath, "folded-at-stop"));
    }

    [Fact]
    public async Task ABatchOfThousandsOfLinksWithMixedCountsAddsEachLinkItsOwnCount()
    {
        // Enough links for several windows of the writer's statements, each window with several counts.
        var expected = Enumerable.Range(1, 5_000).Select(id => ((long)id, (long)(id % 3 + id % 7))).Where(link => link.Item2 > 0).ToArray();
        var batch = new ClickBatch(LinkCounts.Of(expected), [new(new VisitKind(29_000_000, "", "Firefox", "Linux", false), LinkCounts.Of(expected))]);

        await Store.Clicks.AddClicksAsync(batch, TestContext.Timeout);
        await Store.Clicks.AddClicksAsync(batch, TestContext.Timeout);

        var twice = expected.Select(link => (link.Item1, link.Item2 * 2)).ToList();
        await using var connection = new SqliteConnection($"Data Source={_database.DatabasePath}");
        Assert.Equal(twice, (await connection.QueryAsync<(long, long)>("SELECT url_id, clicks FROM link_clicks ORDER BY url_id")).ToList());
        Assert.Equal(twice, (await connection.QueryAsync<(long, long)>("SELECT url_id, clicks FROM visits ORDER BY url_id")).ToList());
    }

    private async Task<Link> CreateAsync(string code) =>
        (await Store.Links.TryCreateAsync(code, $"https://example.com/{code}", DateTime.UtcNow, LinkRules.None, null, LinkLabels.None, TestContext.Timeout))!;

    /// <summary>Clicks the way the click writer adds them: to the link's count and to one visit row.</summary>
    private Task AddClicksAsync(Link link, long clicks) => Store.Clicks.AddClicksAsync(
        new ClickBatch(LinkCounts.Of((link.Id, clicks)), [new(new VisitKind(29_000_000, "", "Firefox", "Linux", false), LinkCounts.Of((link.Id, clicks)))]),
        TestContext.Timeout);

    /// <summary>The link's clicks as release v0004 reads them, with its own frozen statement.</summary>
    private Task<long> ClicksTheReleaseBeforeReadsAsync(string code) => ClicksTheReleaseBeforeReadsAsync(_database.DatabasePath, code);

    private static async Task<long> ClicksTheReleaseBeforeReadsAsync(string databasePath, string code)
    {
        var before = StatementSnapshot.Load(StoreDialect.Sqlite, Path.Combine(StatementSnapshot.Folder(StoreDialect.Sqlite), StatementSnapshot.FileName(4)));
        var findByCode = before.Statements.Single(statement => statement.Name == "FindByCode").Sql;
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        var link = await connection.QuerySingleAsync(findByCode, new { Code = code });
        return (long)link.Clicks;
    }
}
