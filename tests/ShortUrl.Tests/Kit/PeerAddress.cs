using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ShortUrl.Tests.Kit;

/// <summary>
/// TestServer has no sockets, so every request arrives from nowhere. This startup filter runs before the service's
/// own pipeline and turns the test-only <see cref="Header"/> into the connection's remote address, as if the request
/// had come from there.
/// </summary>
public sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    /// <summary>The service of <paramref name="factory"/>, taking its peer address from <see cref="Header"/>.</summary>
    public static WebApplicationFactory<Program> Over(ShortUrlFactory factory) =>
        factory.WithWebHostBuilder(host => host.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddress>()));

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.Remove(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
