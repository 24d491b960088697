using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ShortUrl.Hosting;

/// <summary>
/// Answers what the server found wrong with a request while an endpoint read it with the server's own status: a body
/// sent too slowly for Kestrel's minimum data rate (408), a body over the server's limit (413), a malformed chunked
/// body (400). Kestrel raises these as exceptions from the read, after the endpoint has started; unanswered they would
/// be a 500 and a stack trace in the log, although nothing is wrong with the service. One debug line, as Kestrel logs
/// the bad requests it answers itself.
/// </summary>
internal sealed partial class BadRequestHandler(IProblemDetailsService problems, ILogger<BadRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        LogBadRequest(logger, context.Request.Method, context.Request.Path, bad.StatusCode, bad.Message);
        return await ExceptionProblem.WriteAsync(problems, context, exception, new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode == StatusCodes.Status408RequestTimeout ? "Request timeout" : "Bad request",
            Detail = bad.StatusCode == StatusCodes.Status408RequestTimeout
                ? "The request body arrived too slowly and was not read. Nothing was changed; send it again."
                : $"{bad.Message} Nothing was changed.",
        });
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} answered {Status}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string method, string path, int status, string reason);
}
