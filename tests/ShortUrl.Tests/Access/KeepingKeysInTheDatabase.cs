using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Access;
using ShortUrl.Storage;

namespace ShortUrl.Tests.Access;

/// <summary>Keys the keys command adds to the database: they work beside the configuration's, and their last use is kept.</summary>
public sealed class KeepingKeysInTheDatabase : IDisposable
{
    private const string Carol = "carol-key-for-the-tests-0b9d";

    private readonly ShortUrlFactory _factory = ShortUrlFactory.WithSettings([.. TestKeys.Settings, ("ShortUrl:Anonymous", "None")]);
    private readonly TestClock _clock = new();
    private readonly CountingKeyStore _store;
    private readonly WebApplicationFactory<Program> _app;

    public KeepingKeysInTheDatabase()
    {
        _app = _factory.WithWebHostBuilder(host => host.ConfigureServices(services => services
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IApiKeyStore>(sp => new CountingKeyStore(sp.GetRequiredService<StorageEngine>().ApiKeys))));
        _store = (CountingKeyStore)_app.Services.GetRequiredService<IApiKeyStore>();
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task AKeyAddedToTheDatabaseWorksWithinASecondWithItsRole()
    {
        var client = _app.CreateClient();
        await ProblemAssert.IsProblemAsync(await client.SendAsync(Access(Carol)), 403);

        await _store.AddAsync(new StoredApiKey("carol", "admin", TestKeys.HashOf(Carol), DateTime.UtcNow), TestContext.Timeout);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var access = await client.SendAsync(Access(Carol));
        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
        Assert.Contains("""{"name":"carol","role":"admin"}""", await access.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedOnceTheKeysAreReadAgain()
    {
        var client = _app.CreateClient();
        await _store.AddAsync(new StoredApiKey("carol", "author", TestKeys.HashOf(Carol), DateTime.UtcNow), TestContext.Timeout);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Access(Carol))).StatusCode);

        Assert.True(await _store.RevokeAsync("carol", TestContext.Timeout));
        _clock.Advance(KeyRing.Freshness);

        await ProblemAssert.IsProblemAsync(await client.SendAsync(Access(Carol)), 403);
    }

    [Fact]
    public async Task AKeysLastUseIsWrittenAtMostOnceAMinuteAndNotPerRequest()
    {
        var client = _app.CreateClient();
        var writer = _app.Services.GetRequiredService<KeyUseWriter>();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Access(TestKeys.Alice))).StatusCode);
        }

        await writer.FlushAsync(all: false, TestContext.Timeout);
        Assert.Equal(1, _store.UseWrites);
        var first = Assert.Single(await _store.ListUsesAsync(TestContext.Timeout));

        _clock.Advance(TimeSpan.FromSeconds(30));
        await client.SendAsync(Access(TestKeys.Alice));
        await writer.FlushAsync(all: false, TestContext.Timeout);
        Assert.Equal(1, _store.UseWrites);

        _clock.Advance(TimeSpan.FromSeconds(31));
        await writer.FlushAsync(all: false, TestContext.Timeout);
        Assert.Equal(2, _store.UseWrites);
        var second = Assert.Single(await _store.ListUsesAsync(TestContext.Timeout));
        Assert.Equal("alice", second.Name);
        Assert.InRange((second.LastUsedAt - first.LastUsedAt).TotalMilliseconds, 29_995, 30_005);
    }

    private static HttpRequestMessage Access(string key) => new HttpRequestMessage(HttpMethod.Get, "/api/access").WithKey(key);

    /// <summary>The service's key store, counting the writes of last uses.</summary>
    private sealed class CountingKeyStore(IApiKeyStore inner) : IApiKeyStore
    {
        private int _useWrites;

        public int UseWrites => Volatile.Read(ref _useWrites);

        public Task<IReadOnlyList<StoredApiKey>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task<bool> AddAsync(StoredApiKey key, CancellationToken cancellationToken) => inner.AddAsync(key, cancellationToken);

        public Task<bool> RevokeAsync(string name, CancellationToken cancellationToken) => inner.RevokeAsync(name, cancellationToken);

        public Task<IReadOnlyList<ApiKeyUse>> ListUsesAsync(CancellationToken cancellationToken) => inner.ListUsesAsync(cancellationToken);

        public Task RecordUsesAsync(IReadOnlyCollection<ApiKeyUse> uses, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _useWrites);
            return inner.RecordUsesAsync(uses, cancellationToken);
        }
    }
}
