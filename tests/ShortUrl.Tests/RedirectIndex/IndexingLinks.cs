using ShortUrl.RedirectIndex;
namespace ShortUrl.Tests.RedirectIndex;

/// <summary>The redirect index on its own: what it holds, what it refuses to hold, and that readers never see half a link.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class IndexingLinks
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Fact]
    public void ALinkSetIsFoundWithItsRowAndLocation()
    {
        var index = new LinkIndex(100);

        index.Set("abc1234", 42, "https://example.com/forty-two", index.Removals);

        Assert.True(index.TryGet("abc1234", out var linkId, out var location));
        Assert.Equal(42, linkId);
        Assert.Equal("https://example.com/forty-two", location);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void CodesDifferingOnlyInCaseAreDifferentLinks()
    {
        var index = new LinkIndex(100);

        index.Set("abc", 1, "https://example.com/lower", index.Removals);

        Assert.False(index.TryGet("ABC", out _, out _));
        Assert.False(index.TryGet("Abc", out _, out _));
    }

    [Fact]
    public void EveryCodeOfUpToTwoCharactersPacksToAKeyOfItsOwn()
    {
        var codes = Alphabet.Select(c => c.ToString())
            .Concat(Alphabet.SelectMany(first => Alphabet.Select(second => $"{first}{second}")))
            .ToList();

        var keys = codes.Select(code => LinkIndex.Pack(code)).ToList();

        Assert.DoesNotContain(0L, keys);
        Assert.Equal(codes.Count, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("A", "AA")]
    [InlineData("A", "AAAAAAAAAA")]
    [InlineData("-", "_")]
    [InlineData("zzzzzzzzzz", "_________")]
    public void CodesThatLookAlikeStillPackApart(string one, string other)
    {
        Assert.NotEqual(LinkIndex.Pack(one), LinkIndex.Pack(other));
        Assert.NotEqual(0, LinkIndex.Pack(one));
        Assert.NotEqual(0, LinkIndex.Pack(other));
    }

    [Theory]
    [InlineData("elevenchars")]
    [InlineData("has.dot")]
    [InlineData("ümlaut")]
    [InlineData("")]
    public void ACodeThatCannotBePackedIsNotHeld(string code)
    {
        var index = new LinkIndex(100);

        index.Set(code, 1, "https://example.com/", index.Removals);

        Assert.Equal(0, LinkIndex.Pack(code));
        Assert.False(index.TryGet(code, out _, out _));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void ALocationThatIsNotAsciiIsNotHeld()
    {
        var index = new LinkIndex(100);

        index.Set("idn", 1, "https://bücher.example/", index.Removals);

        Assert.False(index.TryGet("idn", out _, out _));
    }

    [Fact]
    public void ALinkReadBeforeARemovalIsNotPutBack()
    {
        var index = new LinkIndex(100);
        index.Set("edited", 1, "https://example.com/old", index.Removals);
        var removalsBeforeRead = index.Removals;

        index.Remove("edited");
        index.Set("edited", 1, "https://example.com/old", removalsBeforeRead);

        Assert.False(index.TryGet("edited", out _, out _));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void ALinkReadAfterARemovalReplacesIt()
    {
        var index = new LinkIndex(100);
        index.Set("edited", 1, "https://example.com/old", index.Removals);
        index.Remove("edited");

        index.Set("edited", 1, "https://example.com/new", index.Removals);

        Assert.True(index.TryGet("edited", out _, out var location));
        Assert.Equal("https://example.com/new", location);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void ALoadDoesNotAddBackALinkRemovedWhileItRan()
    {
        var index = new LinkIndex(100);
        var generation = index.Generation;

        // Removed before the load reached it: what the load read may be older than the removal.
        index.Remove("deleted");

        Assert.True(index.TryAdd(generation, "deleted", 1, "https://example.com/gone"));
        Assert.False(index.TryGet("deleted", out _, out _));
    }

    [Fact]
    public void ALoadDoesNotReplaceALinkAlreadyHeld()
    {
        var index = new LinkIndex(100);
        var generation = index.Generation;
        index.Set("fresh", 1, "https://example.com/fresh", index.Removals);

        index.TryAdd(generation, "fresh", 1, "https://example.com/stale");

        Assert.True(index.TryGet("fresh", out _, out var location));
        Assert.Equal("https://example.com/fresh", location);
    }

    [Fact]
    public void AClearForgetsEverythingAndStopsTheLoadThatWasRunning()
    {
        var index = new LinkIndex(100);
        var generation = index.Generation;
        index.TryAdd(generation, "before", 1, "https://example.com/before");

        index.Clear();
        var stillLoading = index.TryAdd(generation, "after", 2, "https://example.com/after");

        Assert.False(stillLoading);
        Assert.False(index.TryGet("before", out _, out _));
        Assert.False(index.TryGet("after", out _, out _));
        Assert.True(index.TryAdd(index.Generation, "after", 2, "https://example.com/after"));
    }

    [Fact]
    public async Task AClearWakesTheLoaderOnceForAllClearsSinceItLastWaited()
    {
        var index = new LinkIndex(100);
        index.Clear();
        index.Clear();

        await index.WaitForClearAsync(TestContext.Timeout);
        var second = index.WaitForClearAsync(CancellationToken.None);

        Assert.False(second.IsCompleted);
        index.Clear();
        await second.WaitAsync(TestContext.Timeout);
    }

    [Fact]
    public void AFullIndexAddsNoMoreAndTellsTheLoadToStop()
    {
        var index = new LinkIndex(10);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(index.TryAdd(index.Generation, $"code{i}", i, "https://example.com/"));
        }

        Assert.False(index.TryAdd(index.Generation, "code10", 10, "https://example.com/"));
        index.Set("code11", 11, "https://example.com/", index.Removals);

        Assert.Equal(10, index.Count);
        Assert.False(index.TryGet("code10", out _, out _));
        Assert.False(index.TryGet("code11", out _, out _));
    }

    [Fact]
    public async Task RemovalsReachingTheFloorOfLeftoversClearTheIndexForAReload()
    {
        var index = Loaded(200_000);
        var generation = index.Generation;
        for (var i = 0; i < LinkIndex.MinLeftoversToRebuild - 1; i++)
        {
            index.Remove(Code(i));
        }

        Assert.Equal(generation, index.Generation);
        Assert.Equal(200_000 - LinkIndex.MinLeftoversToRebuild + 1, index.Count);

        index.Remove(Code(LinkIndex.MinLeftoversToRebuild - 1));

        Assert.NotEqual(generation, index.Generation);
        Assert.Equal(0, index.Count);
        Assert.False(index.TryGet(Code(199_999), out _, out _));
        await index.WaitForClearAsync(TestContext.Timeout);
    }

    [Fact]
    public void EditsLeaveLeftoversTooAndClearTheIndexAtTheFloor()
    {
        var index = Loaded(200_000);
        var generation = index.Generation;

        for (var i = 0; i < LinkIndex.MinLeftoversToRebuild - 1; i++)
        {
            index.Set(Code(i), i, "https://example.com/edited", index.Removals);
        }

        Assert.Equal(generation, index.Generation);
        Assert.True(index.TryGet(Code(0), out _, out var edited));
        Assert.Equal("https://example.com/edited", edited);

        index.Set(Code(LinkIndex.MinLeftoversToRebuild - 1), 0, "https://example.com/edited", index.Removals);

        Assert.NotEqual(generation, index.Generation);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void ALargeIndexKeepsLeftoversUpToAQuarterOfItsLinks()
    {
        var index = Loaded(400_000);
        var generation = index.Generation;

        // 60,000 removed of 400,000: past the floor, but under a quarter of the 340,000 left.
        for (var i = 0; i < 60_000; i++)
        {
            index.Remove(Code(i));
        }

        Assert.Equal(generation, index.Generation);
        Assert.Equal(340_000, index.Count);
        Assert.True(index.TryGet(Code(60_000), out _, out _));
    }

    /// <summary>An index loaded with <paramref name="links"/> links, codes <see cref="Code"/>(0) on.</summary>
    private static LinkIndex Loaded(int links)
    {
        var index = new LinkIndex(1_000_000);
        for (var i = 0; i < links; i++)
        {
            Assert.True(index.TryAdd(index.Generation, Code(i), i, "https://example.com/loaded"));
        }

        return index;
    }

    private static string Code(int number) => $"c{number}";

    [Fact]
    public void AnIndexTurnedOffHoldsNothingButStillCountsRemovals()
    {
        var index = new LinkIndex(0);
        var removals = index.Removals;

        index.Set("abc", 1, "https://example.com/", index.Removals);
        index.Remove("abc");

        Assert.False(index.Enabled);
        Assert.False(index.TryGet("abc", out _, out _));
        Assert.Equal(removals + 1, index.Removals);
    }

    [Theory]
    [InlineData("https://example.com/")]
    [InlineData("http://example.com:8080/path?query=1#fragment")]
    [InlineData("https://[2001:db8::1]:8443/v6")]
    [InlineData("https://xn--bcher-kva.example/idn")]
    [InlineData("https://example.com")]
    [InlineData("not-a-url-at-all")]
    public void EveryShapeOfLocationReadsBackWhole(string location)
    {
        var index = new LinkIndex(100);

        index.Set("shape", 9, location, index.Removals);

        Assert.True(index.TryGet("shape", out var linkId, out var read));
        Assert.Equal(9, linkId);
        Assert.Equal(location, read);
    }

    [Fact]
    public void LinksToMoreSitesThanAreKeptApartStillReadBackWhole()
    {
        var index = new LinkIndex(100_000);

        for (var i = 0; i < 70_000; i++)
        {
            index.Set(CodeOf(i), i, $"https://site{i}.example/page/{i}", index.Removals);
        }

        for (var i = 0; i < 70_000; i++)
        {
            Assert.True(index.TryGet(CodeOf(i), out var linkId, out var location));
            Assert.Equal(i, linkId);
            Assert.Equal($"https://site{i}.example/page/{i}", location);
        }
    }

    [Fact]
    public void GrowingKeepsEveryLinkAndItsLocation()
    {
        var index = new LinkIndex(1_000_000);

        for (var i = 0; i < 200_000; i++)
        {
            index.Set(CodeOf(i), i, LocationOf(i), index.Removals);
        }

        Assert.Equal(200_000, index.Count);
        for (var i = 0; i < 200_000; i++)
        {
            Assert.True(index.TryGet(CodeOf(i), out var linkId, out var location), CodeOf(i));
            Assert.Equal(i, linkId);
            Assert.Equal(LocationOf(i), location);
        }
    }

    [Fact]
    public async Task ReadersWhileTheIndexGrowsSeeEachLinkWholeOrNotAtAll()
    {
        const int links = 300_000;
        var index = new LinkIndex(links);
        var added = 0;
        var wrong = 0;
        var found = 0L;

        // Threads of their own, and the writer starts once both readers run: on a busy thread pool the readers could
        // otherwise start after the writer is done, and read nothing while it grows.
        using var readersRunning = new CountdownEvent(2);
        var writer = Task.Factory.StartNew(() =>
        {
            readersRunning.Wait(TimeSpan.FromMinutes(1));
            for (var i = 0; i < links; i++)
            {
                index.Set(CodeOf(i), i, LocationOf(i), index.Removals);
                Volatile.Write(ref added, i + 1);
            }
        }, TaskCreationOptions.LongRunning);
        var readers = Enumerable.Range(0, 2).Select(seed => Task.Factory.StartNew(() =>
        {
            var random = new Random(seed);
            readersRunning.Signal();
            while (!writer.IsCompleted)
            {
                var upTo = Volatile.Read(ref added);
                var i = random.Next(0, upTo + 1000);
                if (index.TryGet(CodeOf(i), out var linkId, out var location))
                {
                    Interlocked.Increment(ref found);
                    if (linkId != i || location != LocationOf(i))
                    {
                        Interlocked.Increment(ref wrong);
                    }
                }
                else if (i < upTo)
                {
                    // Added before this read began, so it must be there.
                    Interlocked.Increment(ref wrong);
                }
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll([writer, .. readers]).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, wrong);
        Assert.True(found > 0);
    }

    private static string CodeOf(int i) => $"c{i:x}";

    private static string LocationOf(int i) => $"https://example.com/articles/{i}?from=index";
}
