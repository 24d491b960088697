namespace ShortUrl.Hosting;

/// <summary>
/// How background work reports a write the database did not take: while the database is unavailable (locked, full,
/// down) the cause in words on one line, since its stack trace says nothing an operator can act on; anything else with
/// its exception, for whoever has to fix it. The line goes to the caller's own logger.
/// </summary>
internal static partial class DatabaseFaultLog
{
    /// <param name="logger">The failing work's own logger.</param>
    /// <param name="exception">What the database answered.</param>
    /// <param name="what">What failed, as a sentence without its full stop.</param>
    /// <param name="then">What happens next, as a sentence.</param>
    public static void Failed(ILogger logger, Exception exception, string what, string then)
    {
        if (DatabaseFault.Of(exception) is { } fault)
        {
            Unavailable(logger, what, fault.Cause, then);
        }
        else
        {
            Unexpected(logger, exception, what, then);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What}: {Cause} {Then}")]
    private static partial void Unavailable(ILogger logger, string what, string cause, string then);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What}. {Then}")]
    private static partial void Unexpected(ILogger logger, Exception exception, string what, string then);
}
