using System.Drawing;
using QRCoder;

namespace ShortUrl.Links;

/// <summary><c>GET /{code}/qr</c>: the short link as a QR code, SVG by default or PNG, drawn by QRCoder.</summary>
internal static class QrCodeEndpoint
{
    public const int DefaultSize = 256;
    public const int MinSize = 64;
    public const int MaxSize = 1024;

    /// <summary>
    /// A short link's QR code only changes with the service's public address; built on a Host the client chose
    /// (<see cref="PublicAddress.ShortUrlIsClientChosen"/>), it is that client's alone and no shared cache may keep it.
    /// </summary>
    private static readonly (string Shared, string Private) CacheControl = ("public, max-age=86400", "private, max-age=86400");

    public static IEndpointRouteBuilder MapQrCodes(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/{code:shortcode}/qr", QrCode)
            .WithTags("Links")
            .Describe("GetLinkQrCode", "The short link as a QR code",
                $"""
                'format' is svg (the default) or png; 'size' is the width in pixels, {MinSize} to {MaxSize}
                ({DefaultSize} by default). A PNG is the largest whole number of pixels per module that fits in 'size'.
                """)
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ContentHttpResult, ValidationProblem, ProblemHttpResult>> QrCode(
        string code, string? format, string? size, HttpContext context, LinkService links, PublicAddress address)
    {
        if (format is not (null or "svg" or "png"))
        {
            return Problems.Validation("format", "'format' must be svg or png.");
        }

        var pixels = DefaultSize;
        if (size is not null && (!int.TryParse(size, out pixels) || pixels is < MinSize or > MaxSize))
        {
            return Problems.Validation("size", $"'size' must be a whole number from {MinSize} to {MaxSize}.");
        }

        if (await links.ResolveAsync(code, context.RequestAborted) is null)
        {
            return Problems.NotFound(code);
        }

        using var data = QRCodeGenerator.GenerateQrCode(address.ShortUrlBase(context.Request) + code, QRCodeGenerator.ECCLevel.M);
        context.Response.Headers.CacheControl = address.ShortUrlIsClientChosen ? CacheControl.Private : CacheControl.Shared;
        if (format == "png")
        {
            var pixelsPerModule = Math.Max(1, pixels / data.ModuleMatrix.Count);
            return TypedResults.File(new PngByteQRCode(data).GetGraphic(pixelsPerModule), "image/png");
        }

        var svg = new SvgQRCode(data).GetGraphic(new Size(pixels, pixels), "#000000", "#ffffff", drawQuietZones: true);
        return TypedResults.Text(svg, "image/svg+xml");
    }
}
