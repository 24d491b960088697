using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace ShortUrl.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are believed only from the addresses in
/// <c>ShortUrl:TrustedProxies</c>. From anyone else they are ignored, so a client cannot pick its own address (and with
/// it a fresh rate-limit bucket) or the host its short links are built on; a forwarded host must also be one of
/// <c>AllowedHosts</c> when that names any.
/// </summary>
internal static class TrustedProxies
{
    public const string ConfigurationKey = ShortUrlOptions.SectionName + ":" + nameof(ShortUrlOptions.TrustedProxies);

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        // A list binds by itself; one comma-separated value (as an environment variable gives it) is split here.
        services.AddOptions<ShortUrlOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (configuration[ConfigurationKey] is { Length: > 0 } list)
            {
                options.TrustedProxies.AddRange(list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }
        });
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ShortUrlOptions>, IOptions<HostFilteringOptions>>((forwarded, options, hostFiltering) =>
        {
            // Host filtering has looked at the proxy's Host before these headers are read: the host a proxy forwards
            // passes the same AllowedHosts, or is not taken.
            if (hostFiltering.Value.AllowedHosts is { Count: > 0 } allowed && !allowed.Contains("*"))
            {
                forwarded.AllowedHosts = [.. allowed];
            }

            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // The framework trusts loopback out of the box; here only what the operator listed counts.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            // Walk back through every trusted hop and stop at the first address that is not one: that is the client.
            forwarded.ForwardLimit = null;
            TryParse(options.Value.TrustedProxies, out var networks, out _);
            foreach (var network in networks)
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>Reads forwarded headers when proxies are configured; otherwise adds nothing to the pipeline.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app, IConfiguration configuration)
    {
        var section = configuration.GetSection(ConfigurationKey);
        return string.IsNullOrWhiteSpace(section.Value) && !section.GetChildren().Any() ? app : app.UseForwardedHeaders();
    }

    /// <summary>Parses addresses (<c>10.0.0.5</c>, <c>::1</c>) and ranges (<c>10.0.0.0/8</c>).</summary>
    /// <returns>False with the first entry that is neither in <paramref name="invalid"/>.</returns>
    public static bool TryParse(IEnumerable<string> entries, out List<IPNetwork> networks, out string? invalid)
    {
        networks = [];
        invalid = null;
        foreach (var entry in entries.Select(e => e.Trim()))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                invalid = entry;
                return false;
            }
        }

        return true;
    }
}
