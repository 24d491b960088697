namespace ShortUrl.Tests.Kit;

/// <summary>
/// What a factory's database holds, read from the database itself: every link, however many (the API's lists stop at
/// 100, so a check through them could miss the 101st), for the tests that show a request stored nothing.
/// </summary>
public static class StoredLinks
{
    public static async Task<long> CountStoredLinksAsync(this ShortUrlFactory factory)
    {
        var store = factory.OpenStore();
        try
        {
            return await store.RedirectSource.CountLinksAsync(TestContext.Timeout);
        }
        finally
        {
            store.Dispose();
        }
    }
}
