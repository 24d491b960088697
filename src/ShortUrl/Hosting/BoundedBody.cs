using Microsoft.AspNetCore.Http.Features;
namespace ShortUrl.Hosting;

/// <summary>What is wrong with a request body (413, 415 or 400), as one problem; <see cref="Field"/> names the input it concerns.</summary>
internal sealed record BodyProblem(int Status, string Title, string Detail, string? Field = null)
{
    public static BodyProblem TooLarge(string title, string detail) => new(StatusCodes.Status413PayloadTooLarge, title, detail);

    public static BodyProblem Unsupported(string title, string detail) => new(StatusCodes.Status415UnsupportedMediaType, title, detail);

    public static BodyProblem Invalid(string title, string detail, string? field = null) => new(StatusCodes.Status400BadRequest, title, detail, field);

    public ProblemHttpResult ToProblem() => TypedResults.Problem(Detail, statusCode: Status, title: Title);

    /// <summary>For a problem that names a field: the field with its message, as a validation problem.</summary>
    public ValidationProblem ToValidationProblem() => Problems.Validation(Field ?? "", Detail, Title);
}

/// <summary>A body as read: the value, or the one problem that stopped it.</summary>
internal readonly record struct BodyRead<T>(T? Value, BodyProblem? Problem) where T : class
{
    public static implicit operator BodyRead<T>(T value) => new(value, null);

    public static implicit operator BodyRead<T>(BodyProblem problem) => new(null, problem);
}

/// <summary>
/// Reads request bodies no longer than an endpoint allows, so that a body too large is a 413 problem the endpoint
/// answers rather than an exception. Every endpoint that reads a body does it through here.
/// </summary>
internal static class BoundedBody
{
    /// <summary>The most a body of a link (create, edit, password) may hold; also the server's default limit.</summary>
    public const int MaxBytes = 16 * 1024;

    // Kestrel counts a chunked body's framing (each chunk's size line and line breaks) towards its limit, which would
    // refuse a body of exactly MaxBytes sent in chunks: it gets room for that, and ReadAllAsync holds the body itself
    // to MaxBytes.
    private const int ChunkFramingBytes = 4 * 1024;

    /// <summary>The whole body, or null when it is longer than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAllAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!Limit(request, MaxBytes, MaxBytes + ChunkFramingBytes))
        {
            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[4096];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (IsTooLarge(e))
        {
            return null;
        }
    }

    /// <summary>
    /// Lets a body of up to <paramref name="maxBytes"/> through the server, for an endpoint that streams it (catching
    /// <see cref="IsTooLarge"/>).
    /// </summary>
    /// <returns>False when the declared Content-Length is already too long.</returns>
    public static bool Limit(HttpRequest request, long maxBytes) => Limit(request, maxBytes, maxBytes);

    /// <summary>The server's refusal of a body longer than the limit, thrown while the body is read.</summary>
    public static bool IsTooLarge(Exception e) =>
        e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };

    private static bool Limit(HttpRequest request, long maxBytes, long serverLimit)
    {
        if (request.ContentLength > maxBytes)
        {
            return false;
        }

        var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = serverLimit;
        }

        return true;
    }
}
