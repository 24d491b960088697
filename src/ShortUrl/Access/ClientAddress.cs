using System.Net;
using System.Net.Sockets;

namespace ShortUrl.Access;

/// <summary>Who a client is, for counting what it does.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// The rate-limit bucket of <paramref name="address"/>: the address itself for IPv4, its /64 network for IPv6,
    /// since one IPv6 subscriber holds a whole /64 and could otherwise take a new address for every request.
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }
}
