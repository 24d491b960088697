using Microsoft.Extensions.Primitives;
using static ShortUrl.Hosting.HtmlPage;

namespace ShortUrl.Redirects;

/// <summary>The pages a short link's path answers browsers with: not found, gone, asking for a password, and the preview. No script: plain forms and links.</summary>
internal static class RedirectPages
{
    public static ContentHttpResult LinkNotFound(string code) => Of(
        StatusCodes.Status404NotFound,
        "Link not found",
        $"<p>There is no short link <code>/{Encode(code)}</code>. It may have been mistyped.</p>");

    /// <summary>
    /// The page's policy, except that the password form may lead anywhere on the web: browsers hold the redirect that
    /// follows a form post (to the link's target) to <c>form-action</c> too, and the target is not to be named in a header
    /// of the page that guards it.
    /// </summary>
    private static readonly StringValues PasswordPagePolicy = SecurityHeaders.PagePolicy.Replace(
        "form-action 'self'", "form-action 'self' https: http:", StringComparison.Ordinal);

    public static ContentHttpResult Gone(string code, string reason) => Of(
        StatusCodes.Status410Gone,
        "This link has ended",
        $"<p>The short link <code>/{Encode(code)}</code> {Encode(reason)}, so it no longer leads anywhere.</p>"
        + "<p>If someone sent it to you, ask them for a new one.</p>");

    /// <param name="response">The response the page goes into: it gets the policy that lets the form lead on.</param>
    /// <param name="code">The link's code: the form posts to its path.</param>
    /// <param name="wrongPassword">Whether this answers a wrong password (the page then says so, next to the field).</param>
    public static ContentHttpResult PasswordForm(HttpResponse response, string code, bool wrongPassword)
    {
        response.Headers.ContentSecurityPolicy = PasswordPagePolicy;
        var error = wrongPassword
            ? """<p id="password-error" class="field-error" role="alert">That password is not right. Try again.</p>"""
            : "";
        return Of(
            wrongPassword ? StatusCodes.Status403Forbidden : StatusCodes.Status200OK,
            "This link is password-protected",
            $"""
            <p>Enter the password of <code>/{Encode(code)}</code> to continue to where it leads.</p>
            <form id="password-form" class="shorten-form" action="/{Encode(code)}" method="post">
              <div class="field">
                <label for="password">Password</label>
                <input type="password" id="password" name="password" required autofocus autocomplete="current-password"{(wrongPassword ? " aria-invalid=\"true\" aria-describedby=\"password-error\"" : "")}>
                {error}
              </div>
              <button type="submit" id="password-submit" class="button button-primary">Continue</button>
            </form>
            """);
    }

    /// <summary><c>/{code}+</c>: where a link leads and how it stands, without following it.</summary>
    public static ContentHttpResult Preview(Link link, string shortUrl, DateTime utcNow)
    {
        var target = link.PasswordHash is null ? PreviewTarget(link.Url) : """<span id="preview-target" class="muted">Hidden: this link is password-protected.</span>""";
        var status = GoneReason.Of(link.ExpiresAt, link.MaxClicks is { } limit && link.Clicks >= limit ? limit : null, utcNow) is { } reason ? $"Ended: it {reason}." : "Active.";
        return Of(
            StatusCodes.Status200OK,
            "Where this link goes",
            $"""
            <p><a id="short-link" class="short-link" href="{Encode(shortUrl)}">{Encode(shortUrl)}</a></p>
            <dl class="preview">
              <dt>Goes to</dt><dd>{target}</dd>
              <dt>Created</dt><dd id="preview-created">{Time(link.CreatedAt)}</dd>
              <dt>Clicks</dt><dd id="preview-clicks">{link.Clicks.ToString("N0", CultureInfo.InvariantCulture)}{(link.MaxClicks is { } max ? $" of at most {max.ToString("N0", CultureInfo.InvariantCulture)}" : "")}</dd>
              <dt>Expires</dt><dd id="preview-expires">{(link.ExpiresAt is { } expiry ? Time(expiry) : "Never")}</dd>
              <dt>Status</dt><dd id="preview-status">{Encode(status)}</dd>
            </dl>
            <p><img id="preview-qr" src="/{Encode(link.Code)}/qr" alt="QR code of {Encode(shortUrl)}" width="160" height="160"></p>
            """);
    }

    /// <summary>The target as a person should read it, and why its host is spelled in ASCII when it is.</summary>
    private static string PreviewTarget(string url)
    {
        var shown = DisplayUrl.Show(url);
        // The link is a block of its own (it is clamped to a few lines): the caution follows on the next line.
        var anchor = $"""<a id="preview-target" class="result-target" href="{Encode(TargetUrl.ToLocation(url) ?? url)}" rel="noopener noreferrer">{Encode(shown.Text)}</a>""";
        return shown.Caution is { } caution
            ? anchor + $"""<span id="preview-caution" class="muted">The name is shown in its xn-- form, as browsers show it: {Encode(caution)}.</span>"""
            : anchor;
    }

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
