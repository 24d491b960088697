using ShortUrl.Peers.Bitly;
using ShortUrl.Peers.Kutt;
using ShortUrl.Peers.Shlink;
using ShortUrl.Peers.Yourls;

namespace ShortUrl.Peers;

/// <summary>The peers' APIs: Shlink, Kutt, Bitly and YOURLS, each an adapter over the native services under its own prefix.</summary>
internal static class PeersServices
{
    public static IServiceCollection AddPeers(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(PeersJsonContext.Default));

    /// <summary>Before access and routing's answers: a browser's preflight for a peer's API is answered here.</summary>
    public static IApplicationBuilder UsePeers(this IApplicationBuilder app) => app.UsePeerCors();

    public static IEndpointRouteBuilder MapPeers(this IEndpointRouteBuilder routes)
    {
        routes.MapShlink();
        routes.MapKutt();
        routes.MapBitly();
        routes.MapYourls();
        return routes;
    }
}
