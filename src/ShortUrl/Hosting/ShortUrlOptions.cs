using System.ComponentModel.DataAnnotations;
using ShortUrl.Clicks;

namespace ShortUrl.Hosting;

/// <summary>The <c>ShortUrl</c> configuration section; validated when the service starts.</summary>
internal sealed class ShortUrlOptions : IValidatableObject
{
    public const string SectionName = "ShortUrl";

    private string? _migrationsPath;

    /// <summary>Public base of short links (for example behind a proxy); the request's own scheme and host when unset.</summary>
    public string? BaseUrl { get; set; }

    [Range(4, 32, ErrorMessage = "ShortUrl:CodeLength must be from 4 to 32.")]
    public int CodeLength { get; set; } = 7;

    public int RedirectStatusCode { get; set; } = StatusCodes.Status302Found;

    /// <summary>
    /// How many links the redirect cache keeps in memory besides the <see cref="LinkIndexSize">index</see> (links with
    /// rules, long aliases, links beyond the index): about 250 bytes each plus twice the target's length, so the
    /// default costs some 30 MB when full. Links beyond it are read from the database on their first visit.
    /// </summary>
    [Range(0, 50_000_000, ErrorMessage = "ShortUrl:CacheSize must be from 0 to 50000000.")]
    public int CacheSize { get; set; } = 100_000;

    /// <summary>
    /// How many links the redirect index holds: every link without expiry, click limit, password or redirect rules that
    /// forwards its query string, whose code is at most 10 characters, loaded at start, so that a visit to any of them reads no database. About 30 bytes each plus
    /// the target's length less its site, which is kept once (some 75 MB for a million typical links), taken only for
    /// the links there are. Links beyond it are read from the database on each visit the cache does not catch, which
    /// with visits spread over many more links than it holds costs redirects most of their rate; 0 turns the index off.
    /// </summary>
    [Range(0, 100_000_000, ErrorMessage = "ShortUrl:LinkIndexSize must be from 0 to 100000000.")]
    public int LinkIndexSize { get; set; } = 10_000_000;

    /// <summary>
    /// How often counted clicks are written to the database, in one transaction; after a slow write the writer rests
    /// longer, up to 3 seconds (see <see cref="ClickWriter"/>). Also the most a crash (SIGKILL) can lose while
    /// writes are quick: the clicks of the last interval, plus those of a write in progress. A graceful stop loses none.
    /// </summary>
    [Range(1, 3_600_000, ErrorMessage = "ShortUrl:ClickWriteIntervalMilliseconds must be from 1 to 3600000.")]
    public int ClickWriteIntervalMilliseconds { get; set; } = 50;

    /// <summary>
    /// How many visits the click writer holds with their details (minute, referrer, browser, OS) while the database
    /// cannot take them, at some 24 bytes each. Past it, each further visit still adds its click to its link's
    /// count (one entry per link however many clicks), but its details are dropped, counted and logged.
    /// </summary>
    [Range(1_000, 100_000_000, ErrorMessage = "ShortUrl:MaxPendingVisits must be from 1000 to 100000000.")]
    public int MaxPendingVisits { get; set; } = 1_000_000;

    /// <summary>
    /// <c>Sqlite</c> (the default: one file, one machine) or <c>Postgres</c> (one database behind many instances);
    /// <c>ConnectionStrings:ShortUrl</c> is that database's connection string.
    /// </summary>
    public string Database { get; set; } = "Sqlite";

    public bool UsesPostgres => string.Equals(Database, "Postgres", StringComparison.OrdinalIgnoreCase);

    public bool UsesSqlite => string.Equals(Database, "Sqlite", StringComparison.OrdinalIgnoreCase);

    /// <summary>Folder of numbered <c>.sql</c> files, relative to the content root; by default the database's own.</summary>
    [Required(ErrorMessage = "ShortUrl:MigrationsPath must name the folder of migration files; unset, it is the build's own.")]
    public string MigrationsPath
    {
        get => _migrationsPath ?? (UsesPostgres ? "migrations/postgres" : "migrations");
        set => _migrationsPath = value;
    }

    [Required]
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// API keys (<c>X-Api-Key</c>) by their SHA-256 hashes, the keys themselves never configured: each a bare hash (an
    /// admin key, as before keys had roles) or a named key with a role (see <see cref="ConfiguredApiKey"/>). The
    /// service's <c>keys</c> command adds keys to the database besides these.
    /// </summary>
    public List<ConfiguredApiKey> ApiKeys { get; set; } = [];

    /// <summary>What callers without a key may do; <see cref="EffectiveAnonymous"/> when unset.</summary>
    public AnonymousMode? Anonymous { get; set; }

    /// <summary>Kept for configurations from before <see cref="Anonymous"/>: true is <c>Anonymous=None</c>.</summary>
    public bool RequireApiKeyForCreate { get; set; }

    /// <summary>The mode in force: <see cref="Anonymous"/>, else None when creating needs a key, else CreateAndList.</summary>
    public AnonymousMode EffectiveAnonymous => Anonymous ?? (RequireApiKeyForCreate ? AnonymousMode.None : AnonymousMode.CreateAndList);

    /// <summary>
    /// Whether a link created without a title gets the target page's <c>&lt;title&gt;</c>, fetched in the background after
    /// the create has answered (see <see cref="Titles.TitleFetcher"/>). Off by default: it makes the service fetch URLs
    /// that anyone allowed to create links chooses.
    /// </summary>
    public bool FetchTitles { get; set; }

    /// <summary>Password attempts allowed per client and link, per link, and checked at once.</summary>
    [Required]
    public PasswordAttemptOptions PasswordAttempts { get; set; } = new();

    /// <summary>
    /// Addresses and CIDR ranges of reverse proxies whose <c>X-Forwarded-*</c> headers are believed: a list, or one
    /// comma-separated value (handier in an environment variable). Empty, the default, believes none.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>An MMDB country database (MaxMind, DB-IP, ip-location-db), relative to the content root; unset, countries are unknown.</summary>
    public string? GeoIpDatabase { get; set; }

    [Required]
    public VisitOptions Visits { get; set; } = new();

    [Required]
    public NotFoundRedirectOptions NotFoundRedirects { get; set; } = new();

    /// <summary><see cref="BaseUrl"/> parsed; null when unset (or invalid, which validation reports).</summary>
    public Uri? PublicBase =>
        !string.IsNullOrWhiteSpace(BaseUrl) && Uri.TryCreate(BaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RedirectStatusCode is not (301 or 302 or 307 or 308))
        {
            yield return new ValidationResult(
                $"ShortUrl:RedirectStatusCode must be 301, 302, 307 or 308, not {RedirectStatusCode}.",
                [nameof(RedirectStatusCode)]);
        }

        if (!string.IsNullOrWhiteSpace(BaseUrl)
            && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUri)
                || baseUri.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(baseUri.Query)
                || !string.IsNullOrEmpty(baseUri.Fragment)
                || !string.IsNullOrEmpty(baseUri.UserInfo)))
        {
            yield return new ValidationResult(
                $"ShortUrl:BaseUrl must be an absolute http or https URL without query or fragment, not '{BaseUrl}'.",
                [nameof(BaseUrl)]);
        }

        if (!UsesPostgres && !UsesSqlite)
        {
            yield return new ValidationResult($"ShortUrl:Database must be Sqlite or Postgres, not '{Database}'.", [nameof(Database)]);
        }

        if (!Hosting.TrustedProxies.TryParse(TrustedProxies, out _, out var invalidProxy))
        {
            yield return new ValidationResult(
                $"ShortUrl:TrustedProxies must list IP addresses or CIDR ranges; '{invalidProxy}' is neither.",
                [nameof(TrustedProxies)]);
        }

        if (RateLimit.PermitLimit < 0)
        {
            yield return new ValidationResult("ShortUrl:RateLimit:PermitLimit must be 0 (off) or more.", ["RateLimit"]);
        }

        if (RateLimit.WindowSeconds < 1)
        {
            yield return new ValidationResult("ShortUrl:RateLimit:WindowSeconds must be at least 1.", ["RateLimit"]);
        }

        foreach (var problem in PasswordAttempts.Problems())
        {
            yield return new ValidationResult(problem, [nameof(PasswordAttempts)]);
        }

        foreach (var problem in Visits.Problems())
        {
            yield return new ValidationResult(problem, [nameof(Visits)]);
        }

        foreach (var problem in NotFoundRedirects.Problems())
        {
            yield return new ValidationResult(problem, [nameof(NotFoundRedirects)]);
        }

        if (!string.IsNullOrWhiteSpace(GeoIpDatabase) && !File.Exists(Path.Combine(AppContext.BaseDirectory, GeoIpDatabase)))
        {
            yield return new ValidationResult($"ShortUrl:GeoIpDatabase names no file: '{GeoIpDatabase}'.", [nameof(GeoIpDatabase)]);
        }

        foreach (var fault in ConfiguredApiKey.Validate(ApiKeys))
        {
            yield return fault;
        }

        if (Anonymous is { } mode && !Enum.IsDefined(mode))
        {
            yield return new ValidationResult("ShortUrl:Anonymous must be CreateAndList, Create or None.", [nameof(Anonymous)]);
        }
        else if (RequireApiKeyForCreate && Anonymous is not (null or AnonymousMode.None))
        {
            yield return new ValidationResult(
                $"ShortUrl:RequireApiKeyForCreate=true means ShortUrl:Anonymous=None, which contradicts ShortUrl:Anonymous={Anonymous}. "
                + "Remove ShortUrl:RequireApiKeyForCreate: ShortUrl:Anonymous says it all.", [nameof(Anonymous)]);
        }
    }
}

internal sealed class RateLimitOptions
{
    /// <summary>Creates allowed per client per window; 0 turns the limit off.</summary>
    public int PermitLimit { get; set; } = 60;

    public int WindowSeconds { get; set; } = 60;
}
