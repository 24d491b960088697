using Microsoft.Data.Sqlite;
using ShortUrl.Links;
using ShortUrl.Storage;
using ShortUrl.Tests.Storage.Migrations;

namespace ShortUrl.Tests.Links;

/// <summary>
/// On SQLite a new link reaches the trigram index later, in a batch (migration 0012, <see cref="SearchIndexer"/>): a
/// search finds it exactly once before, while and after, whatever happens to it meanwhile. These tests drive the store
/// and its backlog directly, without the background indexer, so that each step happens when the test says.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Sqlite)]
public sealed class IndexingNewLinksInBatches : IAsyncLifetime
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
    public async Task ANewLinkIsFoundBeforeAndAfterItIsIndexed()
    {
        await CreateAsync("batch-one", "https://example.com/quarterly-report", "Quarterly numbers", ["finance"]);

        Assert.Equal(1, await PendingAsync());
        Assert.Equal(["batch-one"], await FindAsync("quarterly-rep"));
        Assert.Equal(["batch-one"], await FindAsync("NUMBERS"));
        Assert.Equal(["batch-one"], await FindAsync("financ"));

        Assert.Equal(1, (await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout)).Indexed);

        Assert.Equal(0, await PendingAsync());
        Assert.Equal(["batch-one"], await FindAsync("quarterly-rep"));
        Assert.Equal(["batch-one"], await FindAsync("numbers"));
        Assert.Equal(["batch-one"], await FindAsync("financ"));
        Assert.Equal(0, (await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout)).Indexed);
    }

    [Fact]
    public async Task ALinkEditedBeforeItIsIndexedIsIndexedAsItIsNow()
    {
        await CreateAsync("edited-early", "https://example.com/first-target", "First title", ["draft"]);
        await Store.Links.UpdateAsync("edited-early", new LinkChanges(
            FieldChange<string>.To("https://example.com/second-target"), default, default, default,
            FieldChange<string?>.To("Second title"), FieldChange<IReadOnlyList<string>>.To(["final"])), TestContext.Timeout);

        await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout);

        Assert.Empty(await FindAsync("first-target"));
        Assert.Empty(await FindAsync("first title"));
        Assert.Empty(await FindAsync("draft"));
        Assert.Equal(["edited-early"], await FindAsync("second-target"));
        Assert.Equal(["edited-early"], await FindAsync("second title"));
        Assert.Equal(["edited-early"], await FindAsync("final"));
    }

    [Fact]
    public async Task ALinkDeletedBeforeItIsIndexedIsNeverFound()
    {
        await CreateAsync("gone-early", "https://example.com/short-lived", null, []);
        await Store.Links.DeleteAsync("gone-early", TestContext.Timeout);

        Assert.Equal(0, (await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout)).Indexed);
        Assert.Empty(await FindAsync("short-lived"));
    }

    [Fact]
    public async Task ARenamedTagReachesLinksOnEitherSideOfTheIndex()
    {
        await CreateAsync("tag-indexed", "https://example.com/a", null, ["oldname"]);
        await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout);
        await CreateAsync("tag-waiting", "https://example.com/b", null, ["oldname"]);

        await Store.Labels.RenameTagAsync("oldname", "newname", TestContext.Timeout);

        Assert.Equal(["tag-waiting", "tag-indexed"], await FindAsync("newnam"));
        Assert.Empty(await FindAsync("oldnam"));
        await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout);
        Assert.Equal(["tag-waiting", "tag-indexed"], await FindAsync("newnam"));
        Assert.Empty(await FindAsync("oldnam"));
    }

    [Fact]
    public async Task TheIndexerTakesTheOldestLinksABatchAtATime()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync($"many-{i}", $"https://example.com/many/{i}", null, []);
        }

        Assert.Equal(3, (await Store.SearchBacklog.IndexAsync(3, TestContext.Timeout)).Indexed);
        Assert.Equal(2, await PendingAsync());
        Assert.Equal(2, (await Store.SearchBacklog.IndexAsync(3, TestContext.Timeout)).Indexed);
        Assert.Equal(["many-4", "many-3", "many-2", "many-1", "many-0"], await FindAsync("example.com/many"));
    }

    [Fact]
    public async Task TheIndexerSeesWhenOtherWritesCameSinceItsLastBatch()
    {
        await CreateAsync("busy-1", "https://example.com/busy", null, []);
        await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout);
        await CreateAsync("busy-2", "https://example.com/busier", null, []);

        Assert.True((await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout)).Contended);
        Assert.False((await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout)).Contended);
    }

    [Fact]
    public async Task WithoutAKeyAProtectedLinkIsFoundAndCountedByItsCodeAloneOnEitherSideOfTheIndex()
    {
        await CreateAsync("open-report", "https://example.com/yearly-report", "Yearly", ["finance"]);
        await CreateAsync("locked-report", "https://example.com/yearly-report-secret", "Yearly secret", ["finance"],
            new LinkRules(null, null, "a-hash"));
        await CreateAsync("other-link", "https://example.com/elsewhere", "Yearly", [], createdBy: "alice");

        for (var indexed = 0; indexed < 2; indexed++)
        {
            Assert.Equal(["open-report"], await FindAsync("yearly-rep", seesProtected: false));
            Assert.Equal(["locked-report", "open-report"], await FindAsync("yearly-rep"));
            Assert.Equal(["locked-report", "open-report"], await FindAsync("-REPORT", seesProtected: false));
            Assert.Equal(["other-link", "open-report"], await FindAsync("yearly", seesProtected: false));
            Assert.Equal(["other-link"], await FindAsync("yearly", createdBy: "alice"));
            Assert.Equal(["open-report"], await FindAsync("yearly", seesProtected: false, tags: ["finance"]));
            Assert.Equal(["locked-report", "open-report"], await FindAsync("yearly", tags: ["finance"]));

            await Store.SearchBacklog.IndexAsync(SearchIndexer.BatchSize, TestContext.Timeout);
            Assert.Equal(0, await PendingAsync());
        }
    }

    private Task CreateAsync(string code, string url, string? title, string[] tags, LinkRules? rules = null, string? createdBy = null) =>
        Store.Links.TryCreateAsync(code, url, DateTime.UtcNow, rules ?? LinkRules.None, createdBy, new LinkLabels(title, tags), TestContext.Timeout);

    private async Task<long> PendingAsync()
    {
        await using var connection = _database.Open();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM urls WHERE index_later = 1";
        return (long)(await count.ExecuteScalarAsync(TestContext.Timeout))!;
    }

    /// <summary>
    /// The codes a search for <paramref name="text"/> finds, newest first; the total must agree with them, and the same
    /// search sorted by code must find the same links.
    /// </summary>
    private async Task<List<string>> FindAsync(string text, bool seesProtected = true, string? createdBy = null, string[]? tags = null)
    {
        var query = new LinkQuery(text, tags ?? [], false, LinkSorts.Newest, 0, 100, createdBy, seesProtected);
        var page = await Store.Search.SearchAsync(query, TestContext.Timeout);
        var byCode = await Store.Search.SearchAsync(query with { Sort = "code" }, TestContext.Timeout);
        Assert.Equal(page.Items.Count, page.Total);
        Assert.Equal(page.Items.Select(link => link.Code).Order(StringComparer.Ordinal), byCode.Items.Select(link => link.Code));
        Assert.Equal(page.Total, byCode.Total);
        return page.Items.Select(link => link.Code).ToList();
    }
}
