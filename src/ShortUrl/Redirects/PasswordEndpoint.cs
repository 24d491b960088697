using Microsoft.AspNetCore.WebUtilities;
namespace ShortUrl.Redirects;

/// <summary>
/// <c>POST /{code}</c>: the password page's form (it works without JavaScript). The right password leads on with
/// <c>303 See Other</c>, whatever redirect status is configured, so the browser follows with a GET and the password is
/// never posted on to the target. Attempts are limited per client and link (<see cref="PasswordAttemptLimit"/>), and per
/// link and in what checking them costs (<see cref="PasswordChecks"/>).
/// </summary>
internal static class PasswordEndpoint
{
    public static async Task<Results<StatusCodeHttpResult, ProblemHttpResult, ContentHttpResult, ValidationProblem>> Unlock(
        string code, HttpContext context, LinkService links, LinkLifecycle lifecycle, PasswordChecks checks, ShortUrlMetrics metrics)
    {
        var request = context.Request;
        var target = await links.ResolveAsync(code, context.RequestAborted);
        if (target is null)
        {
            metrics.LinkNotFound();
            return ContentNegotiation.PrefersHtml(request) ? RedirectPages.LinkNotFound(code) : Problems.NotFound(code);
        }

        if (target.Guard is { } guard && GuardedRedirect.GoneReasonOf(guard, lifecycle.UtcNow) is { } reason)
        {
            metrics.LinkGone();
            return Gone(reason);
        }

        if (target.Guard is { HasPassword: true })
        {
            var password = await ReadPasswordAsync(request, context.RequestAborted);
            if (password is null)
            {
                return Problems.Validation("password", "Send the password as the form field 'password'.");
            }

            // A link deleted or unprotected since the cache learned of it is refused like a wrong password, as before.
            var hash = await lifecycle.PasswordHashOfAsync(code, context.RequestAborted);
            switch (hash is null ? new PasswordChecks.Outcome.Wrong() : await checks.CheckAsync(code, hash, password, context.RequestAborted))
            {
                case PasswordChecks.Outcome.Wrong:
                    metrics.PasswordFailed();
                    return ContentNegotiation.PrefersHtml(request)
                        ? RedirectPages.PasswordForm(context.Response, code, wrongPassword: true)
                        : TypedResults.Problem("That is not the password of this link.", statusCode: StatusCodes.Status403Forbidden, title: "Wrong password");
                case PasswordChecks.Outcome.LinkLocked(var seconds):
                    return Refused(StatusCodes.Status429TooManyRequests, seconds,
                        $"Too many wrong passwords were tried on this link; it takes no more attempts for {seconds} seconds.");
                case PasswordChecks.Outcome.Busy(var seconds):
                    return Refused(StatusCodes.Status503ServiceUnavailable, seconds,
                        "Too many passwords are being checked right now; try again in a moment.");
            }
        }

        if (!await GuardedRedirect.TryCountClickAsync(code, target, target.Guard, context))
        {
            metrics.LinkGone();
            return Gone(GoneReason.LimitReached(target.Guard!.MaxClicks ?? 0));
        }

        metrics.LinkUnlocked();
        context.Response.Headers.Location = RedirectLocation.For(target, context);
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);

        Results<StatusCodeHttpResult, ProblemHttpResult, ContentHttpResult, ValidationProblem> Gone(string reason) =>
            ContentNegotiation.PrefersHtml(request) ? RedirectPages.Gone(code, reason) : GuardedRedirect.GoneProblem(code, reason);

        Results<StatusCodeHttpResult, ProblemHttpResult, ContentHttpResult, ValidationProblem> Refused(int status, int seconds, string detail)
        {
            var refusal = PasswordAttemptLimit.Refusal(request, status, seconds, detail).Result;
            return refusal is ContentHttpResult page ? page : (ProblemHttpResult)refusal;
        }
    }

    /// <returns>The field 'password', or null when the body is not a form that has it.</returns>
    private static async Task<string?> ReadPasswordAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || await BoundedBody.ReadAllAsync(request, cancellationToken) is not { } body)
        {
            return null;
        }

        try
        {
            var fields = new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
            return fields.TryGetValue("password", out var values) && values.Count == 1 ? values[0] : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}

/// <summary>The password page's form, for the API description.</summary>
/// <param name="Password">The link's password.</param>
internal sealed record UnlockRequest(string Password);
