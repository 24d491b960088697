using Npgsql;
using ShortUrl.Storage.Postgres;

namespace ShortUrl.Tests.Storage;

/// <summary>
/// On PostgreSQL the service has its frequent statements prepared (Npgsql's <c>Max Auto Prepare</c>) unless the
/// connection string sets it, as one behind a pooler that cannot carry prepared statements must.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class PreparingStatementsOnPostgres
{
    [Fact]
    public void AConnectionStringThatDoesNotSayHasFrequentStatementsPrepared()
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgresStorage.WithDefaults("Host=db.example;Username=shorturl;Password=secret;Database=shorturl"));

        Assert.Equal(PostgresStorage.AutoPreparedStatements, settings.MaxAutoPrepare);
        Assert.Equal("db.example", settings.Host);
        Assert.Equal("secret", settings.Password);
    }

    [Theory]
    [InlineData("Host=db.example;Max Auto Prepare=0", 0)]
    [InlineData("Host=db.example;maxautoprepare=5", 5)]
    [InlineData("Host=db.example;MAX AUTO PREPARE=7", 7)]
    public void AConnectionStringThatSetsMaxAutoPrepareKeepsItsValue(string connectionString, int prepared)
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgresStorage.WithDefaults(connectionString));

        Assert.Equal(prepared, settings.MaxAutoPrepare);
    }
}
