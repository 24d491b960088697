using Microsoft.AspNetCore.Http.HttpResults;
using ShortUrl.Links;
namespace ShortUrl.Redirects;

/// <summary><c>GET /{code}+</c>: where a link leads, when it was made, its clicks and QR code, without following it.</summary>
internal static class PreviewEndpoint
{
    public static IEndpointRouteBuilder MapLinkPreview(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/{code:shortcode}+", Preview)
            .WithName("PreviewLink")
            .WithTags("Redirects")
            .WithSummary("See where a short link goes without following it")
            .WithDescription("An HTML page: the target (hidden when the link is password-protected), created, clicks, "
                + "expiry, click limit and the QR code. Counts no click.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .Produces<string>(StatusCodes.Status404NotFound, "text/html");
        return routes;
    }

    private static async Task<ContentHttpResult> Preview(
        string code, HttpRequest request, LinkService links, LinkLifecycle lifecycle, PublicAddress address, CancellationToken cancellationToken) =>
        await links.FindAsync(code, cancellationToken) is { } link
            ? RedirectPages.Preview(link, address.ShortUrlBase(request) + link.Code, lifecycle.UtcNow)
            : RedirectPages.LinkNotFound(code);
}
