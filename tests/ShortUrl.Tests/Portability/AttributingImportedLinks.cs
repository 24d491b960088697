using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Storage;

namespace ShortUrl.Tests.Portability;

/// <summary>An imported link belongs to the key that imported it, as a created one belongs to the key that created it.</summary>
public sealed class AttributingImportedLinks(AttributingImportedLinks.Factory factory) : IClassFixture<AttributingImportedLinks.Factory>
{
    public sealed class Factory() : ShortUrlFactoryWith(TestKeys.Settings);

    [Fact]
    public async Task AnImportedLinkRecordsTheImportingKeyAndIsInThatAuthorsOwnList()
    {
        var alice = factory.CreateClient().WithKey(TestKeys.Alice);

        var report = await alice.ImportAsync("url,alias\nhttps://example.com/imported-by-alice,ia-alice\nhttps://example.com/generated-for-alice,\n", "text/csv");

        var store = factory.Services.GetRequiredService<ILinkStore>();
        var generated = report.Row(3).GetProperty("code").GetString()!;
        Assert.Equal("alice", (await store.FindAsync("ia-alice", TestContext.Timeout))!.CreatedBy);
        Assert.Equal("alice", (await store.FindAsync(generated, TestContext.Timeout))!.CreatedBy);
        var bobsExport = await factory.CreateClient().WithKey(TestKeys.Bob).GetStringAsync("/api/urls/export?format=csv");
        Assert.DoesNotContain("ia-alice", bobsExport);
        Assert.Contains("ia-alice", await alice.GetStringAsync("/api/urls/export?format=csv"));
    }
}
