using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace ShortUrl.Hosting;

/// <summary>
/// A request refused before its body was read (413, 401, 415, 429, ...) gets its answer sent first and the rest of its
/// upload read and dropped, within a bound of time and size, before the connection can close — the lingering close
/// nginx does. Closing on unread data makes the kernel reset the connection, and a client that sends its whole body
/// before reading (Python's http.client, many upload scripts) then never sees the answer at all.
/// </summary>
internal static class UnreadBodyDrain
{
    /// <summary>The most of an unread body read and dropped; a longer upload is cut off.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>How long the rest of an unread body may take to arrive.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(5);

    private const int BufferBytes = 64 * 1024;

    public static IApplicationBuilder UseUnreadBodyDrain(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode >= StatusCodes.Status400BadRequest
            && context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true }
            && context.Request.ContentLength is not > MaxBytes)
        {
            await DrainAsync(context);
        }
    });

    private static async Task DrainAsync(HttpContext context)
    {
        var sizeLimit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = MaxBytes;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            await context.Response.CompleteAsync();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(MaxTime);
            long drained = 0;
            int read;
            while (drained < MaxBytes && (read = await context.Request.Body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException or InvalidOperationException)
        {
            // The client went away, was too slow, or sent more than the bound: the connection closes as it would have.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
