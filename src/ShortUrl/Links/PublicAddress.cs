using System.Net;
using System.Net.NetworkInformation;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ShortUrl.Links;

/// <summary>
/// Where this service is reachable: the base of short links and the names that would make a loop. The operator names it
/// with <c>ShortUrl:BaseUrl</c>, or with <c>AllowedHosts</c>, whose host filtering turns away any other Host before a
/// request gets here. Named neither way (<c>AllowedHosts</c> is <c>*</c>, the default), the request's Host is whatever
/// the client wrote: short links are still built on it, since it is all there is, but only for the client that chose it
/// (<see cref="ShortUrlIsClientChosen"/> keeps shared caches out), and it never decides alone what counts as this
/// service: every host this service listens on counts too.
/// </summary>
internal sealed class PublicAddress(IOptions<ShortUrlOptions> options, IOptions<HostFilteringOptions> hostFiltering, IServer server)
{
    private readonly Uri? _configuredBase = options.Value.PublicBase;

    private readonly IReadOnlyList<string> _allowedHosts = NamedHosts(hostFiltering.Value.AllowedHosts);

    private readonly Lazy<IReadOnlyList<HostString>> _listening = new(() => ListeningHosts(server));

    /// <summary>
    /// Whether the short-link base comes from the request's Host as the client wrote it: true unless <c>ShortUrl:BaseUrl</c>
    /// is set or <c>AllowedHosts</c> names the hosts. An answer built on it must not be kept in a shared cache.
    /// </summary>
    public bool ShortUrlIsClientChosen => _configuredBase is null && _allowedHosts.Count == 0;

    /// <summary>The short-link base ending in '/': <c>ShortUrl:BaseUrl</c> when set, else the request's own.</summary>
    public string ShortUrlBase(HttpRequest request) =>
        _configuredBase?.AbsoluteUri ?? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/";

    /// <summary>
    /// Hosts (with ports; none for any port) under which this service answers, so targets there would redirect to
    /// ourselves: the configured base, the allowed hosts (<c>*.example.com</c> for any name under it), every address this
    /// service listens on, and the request's own Host, which may be the client's invention but costs only its own link.
    /// </summary>
    public IReadOnlyCollection<HostString> SelfHosts(HttpRequest request)
    {
        var hosts = new List<HostString>(_allowedHosts.Count + _listening.Value.Count + 2);
        if (request.Host.HasValue)
        {
            hosts.Add(request.Host.Port is null
                ? new HostString(request.Host.Host, request.IsHttps ? 443 : 80)
                : request.Host);
        }

        if (_configuredBase is not null)
        {
            hosts.Add(new HostString(_configuredBase.Host, _configuredBase.Port));
        }

        hosts.AddRange(_allowedHosts.Select(host => new HostString(host)));
        hosts.AddRange(_listening.Value);
        return hosts;
    }

    /// <summary>Says at start when short links take the client's Host, outside development, where it is expected.</summary>
    public void WarnWhenClientChosen(ILogger logger, IHostEnvironment environment)
    {
        if (ShortUrlIsClientChosen && !environment.IsDevelopment())
        {
            logger.LogWarning(
                "ShortUrl:BaseUrl is not set and AllowedHosts is '*': short links are built on the Host each request names. "
                + "Set ShortUrl:BaseUrl to the public address (or AllowedHosts to its host names).");
        }
    }

    private static IReadOnlyList<string> NamedHosts(IList<string>? allowed) =>
        allowed is null || allowed.Count == 0 || allowed.Contains("*") ? [] : allowed.Where(host => host.Length > 0).ToList();

    /// <summary>
    /// The addresses Kestrel bound, read once the server runs; one bound to every interface (<c>0.0.0.0</c>, <c>[::]</c>)
    /// stands for each address of this machine and its name, on that port.
    /// </summary>
    private static IReadOnlyList<HostString> ListeningHosts(IServer server)
    {
        var hosts = new List<HostString>();
        foreach (var address in server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            if (!Uri.TryCreate(address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri))
            {
                continue;
            }

            if (uri.Host is not ("0.0.0.0" or "[::]"))
            {
                hosts.Add(new HostString(uri.Host, uri.Port));
                continue;
            }

            hosts.Add(new HostString(Dns.GetHostName(), uri.Port));
            hosts.AddRange(MachineAddresses().Select(ip => new HostString(ip.ToString(), uri.Port)));
        }

        return hosts;
    }

    private static IEnumerable<IPAddress> MachineAddresses()
    {
        try
        {
            // Without the scope (%eth0) that a link-local address carries here and a URL cannot.
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(network => network.GetIPProperties().UnicastAddresses)
                .Select(unicast => new IPAddress(unicast.Address.GetAddressBytes()))
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
