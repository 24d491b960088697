using System.Net;
using MaxMind.Db;

namespace ShortUrl.Clicks;

/// <summary>
/// The country of a visitor's address, from the MMDB file of <c>ShortUrl:GeoIpDatabase</c>: MaxMind GeoLite2 and DB-IP
/// country files (<c>country.iso_code</c>) and the ip-location-db files (<c>country_code</c>) alike. Only the click
/// writer asks, off the request path; without the setting every country is unknown.
/// </summary>
internal sealed class VisitCountries : IDisposable
{
    /// <summary>Distinct addresses remembered; past it the memory starts over, so a flood of addresses cannot grow it.</summary>
    public const int CacheCapacity = 10_000;

    private readonly Reader? _reader;

    // Only the click writer asks, one visit at a time: no locking. Visitors come back, and a lookup allocates its record.
    private readonly Dictionary<IPAddress, string?> _seen = [];

    public VisitCountries(IOptions<ShortUrlOptions> options, IHostEnvironment environment)
    {
        if (options.Value.GeoIpDatabase is { Length: > 0 } path)
        {
            _reader = Open(Path.Combine(environment.ContentRootPath, path));
        }
    }

    /// <summary>Whether a database is loaded.</summary>
    public bool Enabled => _reader is not null;

    /// <summary>Opens an MMDB file, or says in one sentence why it cannot be used.</summary>
    /// <exception cref="OptionsValidationException">The file is missing or not an MMDB file.</exception>
    public static Reader Open(string path)
    {
        try
        {
            return new Reader(path, FileAccessMode.Memory);
        }
        catch (Exception e) when (e is IOException or InvalidDatabaseException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(nameof(ShortUrlOptions.GeoIpDatabase), typeof(ShortUrlOptions),
                [$"ShortUrl:GeoIpDatabase '{path}' cannot be read as an MMDB file ({e.Message.TrimEnd('.')})."]);
        }
    }

    /// <summary>The ISO 3166 code of <paramref name="address"/>'s country, upper case; null when unknown.</summary>
    public string? CountryOf(IPAddress? address)
    {
        if (_reader is null || address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        // Some databases place private ranges in a country (their registrant's): a visitor from inside says nothing.
        if (!Titles.PublicAddresses.IsPublic(address))
        {
            return null;
        }

        if (_seen.TryGetValue(address, out var known))
        {
            return known;
        }

        if (_seen.Count >= CacheCapacity)
        {
            _seen.Clear();
        }

        var country = Lookup(_reader, address);
        _seen[address] = country;
        return country;
    }

    private static string? Lookup(Reader reader, IPAddress address)
    {
        try
        {
            var record = reader.Find<Dictionary<string, object>>(address);
            var code = record switch
            {
                null => null,
                _ when record.TryGetValue("country_code", out var flat) => flat as string,
                _ when record.TryGetValue("country", out var nested) && nested is Dictionary<string, object> country
                    && country.TryGetValue("iso_code", out var iso) => iso as string,
                _ => null,
            };
            return code is { Length: 2 } ? code.ToUpperInvariant() : null;
        }
        catch (Exception e) when (e is InvalidDatabaseException or DeserializationException or ArgumentException)
        {
            return null;
        }
    }

    public void Dispose() => _reader?.Dispose();
}
