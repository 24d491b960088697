using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ShortUrl.Clicks;
using ShortUrl.Hosting;

namespace ShortUrl.Tests.Visits;

/// <summary><c>ShortUrl:GeoIpDatabase</c>: a real MMDB file gives countries; a wrong one stops the start with a clear line.</summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class ConfiguringCountries
{
    [Fact]
    public async Task TheFreeDatabaseGivesCountriesOfPublicAddressesOnly()
    {
        using var countries = new VisitCountries(Options.Create(new ShortUrlOptions { GeoIpDatabase = await TestGeoIp.PathAsync() }), new Environment());

        Assert.True(countries.Enabled);
        Assert.Equal("US", countries.CountryOf(IPAddress.Parse(TestGeoIp.UsAddress)));
        Assert.Equal("US", countries.CountryOf(IPAddress.Parse(TestGeoIp.UsAddress).MapToIPv6()));
        Assert.Equal("GB", countries.CountryOf(IPAddress.Parse(TestGeoIp.GbAddress)));
        Assert.Equal("US", countries.CountryOf(IPAddress.Parse("2001:4860:4860::8888")));
        Assert.Null(countries.CountryOf(IPAddress.Loopback));
        Assert.Null(countries.CountryOf(IPAddress.Parse("10.20.30.40")));
        Assert.Null(countries.CountryOf(null));
    }

    [Fact]
    public void WithoutADatabaseEveryCountryIsUnknown()
    {
        using var countries = new VisitCountries(Options.Create(new ShortUrlOptions()), new Environment());

        Assert.False(countries.Enabled);
        Assert.Null(countries.CountryOf(IPAddress.Parse(TestGeoIp.UsAddress)));
    }

    [Fact]
    public void AMissingFileIsRefusedOnStart()
    {
        var options = new ShortUrlOptions { GeoIpDatabase = "/nowhere/countries.mmdb" };

        var problems = options.Validate(new ValidationContext(options)).Select(p => p.ErrorMessage);

        Assert.Equal(["ShortUrl:GeoIpDatabase names no file: '/nowhere/countries.mmdb'."], problems);
    }

    [Fact]
    public void AFileThatIsNoMmdbIsRefusedWithItsPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-an-mmdb-{Guid.NewGuid():N}.mmdb");
        File.WriteAllText(path, "country,code\nUS,1\n");
        try
        {
            var failure = Assert.Throws<OptionsValidationException>(() => VisitCountries.Open(path));

            Assert.StartsWith($"ShortUrl:GeoIpDatabase '{path}' cannot be read as an MMDB file", Assert.Single(failure.Failures));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "ShortUrl";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
