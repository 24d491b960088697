using Microsoft.AspNetCore.HostFiltering;
namespace ShortUrl.Hosting;

/// <summary>
/// <c>AllowedHosts</c> holds host names (<c>sho.rt;*.sho.rt</c>), or <c>*</c>. Host filtering takes any text as a name,
/// so an entry written as a URL (<c>https://sho.rt/</c>) would match no request and every answer would be a 400: such an
/// entry stops the start instead, naming it.
/// </summary>
internal sealed class AllowedHostsValidation : IValidateOptions<HostFilteringOptions>
{
    public ValidateOptionsResult Validate(string? name, HostFilteringOptions options) =>
        options.AllowedHosts.FirstOrDefault(host => !IsHostPattern(host)) is { } invalid
            ? ValidateOptionsResult.Fail(
                $"AllowedHosts must list host names separated by ';', like sho.rt;*.sho.rt (no scheme, port or path); '{invalid}' is not one.")
            : ValidateOptionsResult.Success;

    private static bool IsHostPattern(string host)
    {
        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        return host == "*" || Uri.CheckHostName(name) is not UriHostNameType.Unknown;
    }
}
