namespace ShortUrl.Redirects;

/// <summary><c>GET /{code}+</c>: where a link leads, when it was made, its clicks and QR code, without following it.</summary>
internal static class PreviewEndpoint
{
    public static async Task<ContentHttpResult> Preview(
        string code, HttpRequest request, LinkService links, LinkLifecycle lifecycle, PublicAddress address, CancellationToken cancellationToken) =>
        await links.FindAsync(code, cancellationToken) is { } link
            ? RedirectPages.Preview(link, address.ShortUrlBase(request) + link.Code, lifecycle.UtcNow)
            : RedirectPages.LinkNotFound(code);
}
