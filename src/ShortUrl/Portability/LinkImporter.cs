using System.Data.Common;
using ShortUrl.RedirectIndex;
namespace ShortUrl.Portability;

/// <summary>What became of one row of an import.</summary>
/// <param name="Row">CSV: the line of the record; JSON: the element's position in the array, from 1.</param>
/// <param name="Status"><c>created</c>, <c>skipped</c> (its alias is taken) or <c>rejected</c> (invalid).</param>
/// <param name="Code">The created link's code, or the alias that was taken.</param>
/// <param name="ShortUrl">The created short link.</param>
/// <param name="Reason">Why the row was skipped or rejected.</param>
internal sealed record ImportRowResult(int Row, string Status, string? Code, string? ShortUrl, string? Reason);

/// <summary>The answer to an import: how many rows each way, and every row's outcome in file order.</summary>
internal sealed record ImportReport(int Created, int Skipped, int Rejected, List<ImportRowResult> Rows);

/// <summary>
/// Imports rows all or nothing: each row is checked by the create's own rules (<see cref="LinkService.Validate"/>) and
/// rejected with the create's words, then every accepted row goes to the store in one transaction, so that a failure
/// leaves no row behind and a retry creates each link once. A taken alias is skipped, not a failure.
/// </summary>
internal sealed class LinkImporter(
    ILinkPortability store, LinkService links, Codes codes, LinkCache cache, TimeProvider time, ILogger<LinkImporter> logger,
    ShortUrlMetrics metrics)
{
    public const string Created = "created";
    public const string Skipped = "skipped";
    public const string Rejected = "rejected";

    public abstract record Outcome
    {
        public sealed record Imported(ImportReport Report) : Outcome;

        /// <summary>
        /// The database did not take the write; its transaction rolled back, so no row was imported. <paramref name="Fault"/>
        /// says why when the database is unavailable (locked, full, down) rather than failing otherwise.
        /// </summary>
        public sealed record NothingImported(DatabaseFault? Fault) : Outcome;
    }

    /// <summary>
    /// Checks every row, then stores the accepted ones together, each recording <paramref name="createdBy"/> (the name of
    /// the importing key) as a create records its key.
    /// </summary>
    public async Task<Outcome> ImportAsync(
        IReadOnlyList<ImportRow> rows, IReadOnlyCollection<HostString> selfHosts, string shortUrlBase, string? createdBy,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var results = new ImportRowResult?[rows.Count];
        var accepted = new List<(int Index, ImportedLink Link)>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            // Passwords take deliberately slow hashing: a client that has gone stops the work.
            cancellationToken.ThrowIfCancellationRequested();
            var row = rows[i];
            if (row.Link is not { } request)
            {
                results[i] = new ImportRowResult(row.Row, Rejected, null, null, row.Problem);
            }
            else if (links.Validate(request, selfHosts, now, out var valid) is { } invalid)
            {
                results[i] = new ImportRowResult(row.Row, Rejected, request.Alias, null, ImportRow.Reason(invalid.Field, invalid.Message));
            }
            else if (row.HadPassword && valid.Rules.PasswordHash is null)
            {
                // An export cannot carry a password (only its hash is kept); importing the link open would unprotect it.
                results[i] = new ImportRowResult(row.Row, Rejected, request.Alias, null, ImportRow.Reason("password",
                    "The link had a password, which an export cannot carry: give the row a 'password', or set 'hasPassword' to false to import it without one."));
            }
            else
            {
                accepted.Add((i, new ImportedLink(valid.Alias, valid.Url, valid.Rules, valid.Labels)));
            }
        }

        var removalsBeforeWrite = cache.RemovalsSoFar;
        IReadOnlyList<Link?> stored;
        try
        {
            stored = await store.ImportAsync(accepted.Select(a => a.Link).ToList(), codes.Generate, now, createdBy, cancellationToken);
        }
        catch (DbException e)
        {
            DatabaseFaultLog.Failed(logger, e, $"An import of {accepted.Count} links failed in the database",
                "Its transaction rolled back, so none was imported.");
            return new Outcome.NothingImported(DatabaseFault.Of(e));
        }

        for (var j = 0; j < accepted.Count; j++)
        {
            var (index, wanted) = accepted[j];
            if (stored[j] is { } link)
            {
                cache.Created(link, removalsBeforeWrite);
                results[index] = new ImportRowResult(rows[index].Row, Created, link.Code, shortUrlBase + link.Code, null);
            }
            else
            {
                results[index] = new ImportRowResult(rows[index].Row, wanted.Alias is null ? Rejected : Skipped, wanted.Alias, null,
                    wanted.Alias is null ? "No free code could be found; import the row again." : $"The alias '{wanted.Alias}' is already taken.");
            }
        }

        var report = results.Select(r => r!).ToList();
        var imported = new ImportReport(
            report.Count(r => r.Status == Created), report.Count(r => r.Status == Skipped), report.Count(r => r.Status == Rejected), report);
        metrics.ImportRows(imported.Created, imported.Skipped, imported.Rejected);
        return new Outcome.Imported(imported);
    }
}
