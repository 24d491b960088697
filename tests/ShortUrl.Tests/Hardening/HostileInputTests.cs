using Microsoft.Data.Sqlite;

namespace ShortUrl.Tests.Hardening;

/// <summary>The service behind <see cref="HostileInputs"/>: its own database, <see cref="HostileInputs.BaseUrl"/> as its public address.</summary>
public sealed class HostileInputService : IDisposable
{
    public ShortUrlFactory Factory { get; } = ShortUrlFactory.WithSettings(("ShortUrl:BaseUrl", HostileInputs.BaseUrl));

    public void Dispose() => Factory.Dispose();
}

public sealed class HostileInputTests(HostileInputService service) : IClassFixture<HostileInputService>
{
    private readonly HttpClient _client = service.Factory.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public void TheCorpusHasAtLeast150Cases() => Assert.InRange(HostileInputs.All.Count, 150, int.MaxValue);

    [Theory]
    [MemberData(nameof(HostileInputs.Names), MemberType = typeof(HostileInputs))]
    public async Task HostileInputGetsItsOwn4xxProblemAndCreatesNothing(string name)
    {
        var input = HostileInputs.All[name];
        var linksBefore = await CountLinksAsync();

        using var response = await _client.SendAsync(input.Request());

        var problem = await ProblemAssert.IsProblemAsync(response, input.Status);
        if (input.Field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(input.Field, out _), $"no error for '{input.Field}' in {problem}");
        }

        Assert.Null(response.Headers.Location);
        Assert.Equal(linksBefore, await CountLinksAsync());
    }

    /// <summary>Straight from the file, so that not even a row the API would not show goes unnoticed.</summary>
    private async Task<long> CountLinksAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={service.Factory.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM urls";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
