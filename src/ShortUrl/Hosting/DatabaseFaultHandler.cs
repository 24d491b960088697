using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ShortUrl.Hosting;

/// <summary>
/// Answers a request the database could not serve with 503, <c>Retry-After</c> and a problem naming the cause, and logs
/// it as one line without a stack trace: the service is fine and will be again once the database is.
/// </summary>
internal sealed partial class DatabaseFaultHandler(IProblemDetailsService problems, ILogger<DatabaseFaultHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (DatabaseFault.Of(exception) is not { } fault)
        {
            return false;
        }

        var request = context.Request;
        LogFault(logger, request.Method, request.Path, ExceptionProblem.CodeOf(context), fault.Cause, exception.Message);
        var changes = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? "It could not be read"
            : "Nothing was changed";
        context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await ExceptionProblem.WriteAsync(problems, context, exception, new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Database unavailable",
            Detail = $"{fault.Cause} {changes}; try again in {fault.RetryAfterSeconds} s.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503 (link '{Code}'): {Cause} ({Error})")]
    private static partial void LogFault(ILogger logger, string method, string path, string code, string cause, string error);
}
