using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ShortUrl.Hosting;

namespace ShortUrl.Tests.Hosting;

/// <summary>
/// Inline socket completions are asked for on Kestrel's connections alone, never on the process's other sockets, and
/// never against the operator's own setting.
/// </summary>
[Trait(OnlyOn.Trait, OnlyOn.Once)]
public sealed class InliningSocketCompletions
{
    /// <summary>What the socket's handle holds (the socket's own property can only be set).</summary>
    private static readonly PropertyInfo PreferInlineCompletions =
        typeof(SafeSocketHandle).GetProperty("PreferInlineCompletions", BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>Fails on a runtime that drops the switch, whose redirects would then go without it unannounced.</summary>
    [Fact]
    public void TheRuntimeStillHasThePerSocketSwitch() => Assert.True(SocketCompletions.RuntimeHasThePerSocketSwitch);

    [Fact]
    public void WithoutTheOperatorsSettingKestrelsSocketsAreInlined() => Assert.True(SocketCompletions.ShouldInline(null));

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void AnOperatorsOwnSettingIsLeftAsItIs(string operatorsChoice) =>
        Assert.False(SocketCompletions.ShouldInline(operatorsChoice));

    [Fact]
    public async Task AConnectionKestrelAcceptsAsksForThemAndOtherSocketsDoNot()
    {
        var seenByTheNextMiddleware = new List<object?>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(SocketCompletions.InlineKestrelsSockets);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, endpoint => endpoint.Use(next => connection =>
        {
            lock (seenByTheNextMiddleware)
            {
                seenByTheNextMiddleware.Add(connection.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket
                    ? PreferInlineCompletions.GetValue(socket.SafeHandle)
                    : "no socket");
            }

            return next(connection);
        })));
        await using var app = builder.Build();
        app.MapGet("/", () => "answered");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        Assert.Equal("answered", await client.GetStringAsync("/"));

        Assert.Equal([true], seenByTheNextMiddleware);
        using var otherSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        Assert.Equal(false, PreferInlineCompletions.GetValue(otherSocket.SafeHandle));
    }
}
