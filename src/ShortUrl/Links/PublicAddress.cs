using Microsoft.Extensions.Options;
using ShortUrl.Hosting;

namespace ShortUrl.Links;

/// <summary>Where this service is reachable: the base of short links and the names that would make a loop.</summary>
internal sealed class PublicAddress(IOptions<ShortUrlOptions> options)
{
    private readonly Uri? _configuredBase = options.Value.PublicBase;

    /// <summary>The short-link base ending in '/': <c>ShortUrl:BaseUrl</c> when set, else the request's own.</summary>
    public string ShortUrlBase(HttpRequest request) =>
        _configuredBase?.AbsoluteUri ?? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}/";

    /// <summary>Hosts (with ports) under which this service answers: targets there would redirect to ourselves.</summary>
    public IReadOnlyCollection<HostString> SelfHosts(HttpRequest request)
    {
        var hosts = new List<HostString>(2);
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

        return hosts;
    }
}
