using ShortUrl.Links;
using ShortUrl.RedirectIndex;
using ShortUrl.Storage;
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
/// Imports validated rows in batches of <see cref="BatchSize"/>, each batch in one transaction: invalid rows are
/// rejected with the reason and the rest go in, a taken alias is skipped.
/// </summary>
internal sealed class LinkImporter(ILinkPortability store, Codes codes, LinkCache cache, TimeProvider time)
{
    public const int BatchSize = 1000;

    public const string Created = "created";
    public const string Skipped = "skipped";
    public const string Rejected = "rejected";

    public async Task<ImportReport> ImportAsync(
        IReadOnlyList<ImportRow> rows, IReadOnlyCollection<HostString> selfHosts, string shortUrlBase, CancellationToken cancellationToken)
    {
        var results = new ImportRowResult?[rows.Count];
        var valid = new List<(int Index, ImportedLink Link)>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (TargetUrl.Validate(row.Url, selfHosts, out var url) is { } urlProblem)
            {
                results[i] = new ImportRowResult(row.Row, Rejected, row.Alias, null, $"url: {urlProblem}");
            }
            else if (!string.IsNullOrEmpty(row.Alias) && codes.ValidateAlias(row.Alias) is { } aliasProblem)
            {
                results[i] = new ImportRowResult(row.Row, Rejected, row.Alias, null, $"alias: {aliasProblem}");
            }
            else
            {
                valid.Add((i, new ImportedLink(string.IsNullOrEmpty(row.Alias) ? null : row.Alias, url)));
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var batch in valid.Chunk(BatchSize))
        {
            var removalsBeforeWrite = cache.RemovalsSoFar;
            var links = await store.ImportAsync(batch.Select(b => b.Link).ToList(), codes.Generate, now, cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                var (index, wanted) = batch[j];
                if (links[j] is { } link)
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
        }

        var report = results.Select(r => r!).ToList();
        return new ImportReport(
            report.Count(r => r.Status == Created), report.Count(r => r.Status == Skipped), report.Count(r => r.Status == Rejected), report);
    }
}
