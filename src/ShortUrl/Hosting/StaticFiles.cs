using Microsoft.Net.Http.Headers;
namespace ShortUrl.Hosting;

/// <summary>The page's files (<c>wwwroot/</c>).</summary>
internal static class StaticFiles
{
    /// <summary>
    /// Every file is revalidated before use (its ETag makes that cheap): the page's ES modules import each other, so a
    /// browser that kept some of an older version's modules would run old and new code together after an upgrade.
    /// </summary>
    public static readonly StaticFileOptions Options = new()
    {
        OnPrepareResponse = context => context.Context.Response.Headers[HeaderNames.CacheControl] = "no-cache",
    };
}
