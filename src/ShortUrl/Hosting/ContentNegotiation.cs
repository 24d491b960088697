using Microsoft.Net.Http.Headers;
namespace ShortUrl.Hosting;

/// <summary>What an endpoint can answer with, besides its JSON.</summary>
internal enum Representation { Json, PlainText, Html }

/// <summary>
/// The one rule every endpoint with more than one representation follows: of the media types the client names in
/// <c>Accept</c> (wildcards name none), the one with the highest quality wins; a tie, or nothing named, goes to JSON.
/// A named type the endpoint cannot send does not count.
/// </summary>
internal static class ContentNegotiation
{
    /// <returns>The representation to send, one of <paramref name="offered"/> or JSON.</returns>
    public static Representation Choose(HttpRequest request, params ReadOnlySpan<Representation> offered)
    {
        if (request.Headers.Accept.Count == 0)
        {
            return Representation.Json;
        }

        double json = 0, text = 0, html = 0;
        foreach (var accept in request.GetTypedHeaders().Accept)
        {
            var quality = accept.Quality ?? 1;
            switch (KindOf(accept))
            {
                case Representation.Json: json = Math.Max(json, quality); break;
                case Representation.PlainText: text = Math.Max(text, quality); break;
                case Representation.Html: html = Math.Max(html, quality); break;
            }
        }

        // Ties go to the earlier: JSON, then text (a script's answer), then the page.
        var best = Representation.Json;
        var bestQuality = json;
        if (offered.Contains(Representation.PlainText) && text > bestQuality)
        {
            (best, bestQuality) = (Representation.PlainText, text);
        }

        if (offered.Contains(Representation.Html) && html > bestQuality)
        {
            best = Representation.Html;
        }

        return best;
    }

    /// <summary>Whether the page is the answer, for an endpoint that answers with JSON or a page.</summary>
    public static bool PrefersHtml(HttpRequest request) => Choose(request, Representation.Html) == Representation.Html;

    private static Representation? KindOf(MediaTypeHeaderValue accept)
    {
        var type = accept.MediaType;
        if (type.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase))
        {
            return Representation.Html;
        }

        if (type.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return Representation.PlainText;
        }

        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase)
            ? Representation.Json
            : null;
    }
}
