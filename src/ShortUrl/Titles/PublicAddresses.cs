using System.Net;
using System.Net.Sockets;

namespace ShortUrl.Titles;

/// <summary>
/// Which addresses the title fetcher may connect to: public unicast ones only. Everything else (loopback, private and
/// carrier-grade NAT ranges, link-local, documentation, multicast, reserved, and IPv6 forms that carry one of those IPv4
/// addresses) could reach this machine or the network behind it.
/// </summary>
internal static class PublicAddresses
{
    private static readonly (IPAddress Network, int Bits)[] NonPublicV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),         // "this" network
        (IPAddress.Parse("10.0.0.0"), 8),        // private
        (IPAddress.Parse("100.64.0.0"), 10),     // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),       // loopback
        (IPAddress.Parse("169.254.0.0"), 16),    // link-local, cloud metadata services
        (IPAddress.Parse("172.16.0.0"), 12),     // private
        (IPAddress.Parse("192.0.0.0"), 24),      // protocol assignments
        (IPAddress.Parse("192.0.2.0"), 24),      // documentation
        (IPAddress.Parse("192.88.99.0"), 24),    // 6to4 relays
        (IPAddress.Parse("192.168.0.0"), 16),    // private
        (IPAddress.Parse("198.18.0.0"), 15),     // benchmarking
        (IPAddress.Parse("198.51.100.0"), 24),   // documentation
        (IPAddress.Parse("203.0.113.0"), 24),    // documentation
        (IPAddress.Parse("224.0.0.0"), 4),       // multicast
        (IPAddress.Parse("240.0.0.0"), 4),       // reserved, broadcast
    ];

    private static readonly (IPAddress Network, int Bits)[] NonPublicV6 =
    [
        (IPAddress.Parse("2001::"), 32),         // Teredo: a hidden IPv4 address
        (IPAddress.Parse("2001:10::"), 28),      // ORCHID
        (IPAddress.Parse("2001:db8::"), 32),     // documentation
    ];

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !NonPublicV4.Any(range => InRange(address, range.Network, range.Bits));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) lead to the IPv4 address inside them.
        if (InRange(address, IPAddress.Parse("64:ff9b::"), 96))
        {
            return IsPublic(new IPAddress(bytes[12..16]));
        }

        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return IsPublic(new IPAddress(bytes[2..6]));
        }

        // Global unicast is 2000::/3; the rest is loopback, unspecified, unique local, link-local, multicast, reserved.
        return (bytes[0] & 0xE0) == 0x20 && !NonPublicV6.Any(range => InRange(address, range.Network, range.Bits));
    }

    private static bool InRange(IPAddress address, IPAddress network, int bits)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
