using System.Net;
using ShortUrl.Titles;

namespace ShortUrl.Tests.Titles;

/// <summary>The parts of title fetching that need no network: which addresses are public, and reading a title.</summary>
public sealed class ReadingTitlesAndAddresses
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("192.0.2.10")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:7f00:1::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2001:0:4136:e378::1")]
    public void AddressesThatCouldReachThisMachineOrItsNetworkAreNotPublic(string address) =>
        Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("2002:5db8:d70e::1")]
    public void PublicAddressesArePublic(string address) =>
        Assert.True(PublicAddresses.IsPublic(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("<title>Plain</title>", "Plain")]
    [InlineData("<html><head><title>\n  Two\n  lines  </title>", "Two lines")]
    [InlineData("<TITLE>Tom &amp; Jerry &lt;3 &#39;s&#x21;</TITLE>", "Tom & Jerry <3 's!")]
    [InlineData("<title data-x=\"1\">With attributes</title >", "With attributes")]
    [InlineData("<title></title>", null)]
    [InlineData("<title>   </title>", null)]
    [InlineData("<p>no title at all</p>", null)]
    [InlineData("<title>never closed", null)]
    [InlineData("<title>invoice \u202Efdp.exe</title>", "invoice fdp.exe")]
    [InlineData("<title>&#x2067;Report&#x2069; 2026</title>", "Report 2026")]
    public void TheTitleIsReadDecodedAndTidied(string html, string? expected) => Assert.Equal(expected, HtmlTitle.Of(html));

    [Fact]
    public void ALongTitleIsCutTo512Characters()
    {
        var title = HtmlTitle.Of($"<title>{new string('a', 2000)}</title>");

        Assert.Equal(512, title!.Length);
        Assert.EndsWith("…", title);
    }
}
