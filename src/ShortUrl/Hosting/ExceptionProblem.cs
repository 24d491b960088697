using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ShortUrl.Hosting;

/// <summary>The problem an exception handler answers with, whatever the request accepts.</summary>
internal static class ExceptionProblem
{
    /// <summary>
    /// Writes <paramref name="details"/> through the problem details service, or, for a client that accepts neither JSON
    /// nor problems (<c>Accept: text/html</c> alone), as <c>application/problem+json</c> all the same: an exception
    /// handler that writes nothing leaves an empty answer without the security headers, and an error in the log.
    /// </summary>
    /// <returns>True: the exception is handled.</returns>
    public static async ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext context, Exception exception, ProblemDetails details)
    {
        context.Response.StatusCode = details.Status ?? StatusCodes.Status500InternalServerError;
        if (!await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            AdditionalMetadata = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata,
            ProblemDetails = details,
        }))
        {
            // The service's customisation runs only where a writer took the problem: the headers it adds are added here.
            SecurityHeaders.Apply(context);
            await TypedResults.Problem(details).ExecuteAsync(context);
        }

        return true;
    }

    /// <summary>The link the failed request was about, from its route; empty when it names none.</summary>
    public static string CodeOf(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.RouteValues?["code"] as string ?? "";
}
