using System.Buffers;

namespace ShortUrl.Storage.Sqlite;

/// <summary>
/// The click writer's batches in SQLite, on the writer: clicks go into link_clicks, a narrow table of their own (see
/// migration 0005), and <see cref="FoldClicksAsync"/> moves them on into the links' rows.
/// </summary>
internal sealed class SqliteClickSink(SqliteDatabase database) : IClickSink
{
    /// <summary>Links per statement of a batched write: few enough that no statement's text lands on the large object heap.</summary>
    private const int LinksPerStatement = 1000;

    // A short stretch of each table when clicks are spread over many links (a few hundred pages), still in SQLite's
    // page cache when the window's rarer counts come round.
    private const int LinksPerWindow = 2 * LinksPerStatement;

    public Task AddClicksAsync(ClickBatch batch, CancellationToken cancellationToken)
    {
        if (batch.IsEmpty)
        {
            return Task.CompletedTask;
        }

        return database.WriteAsync(batch, static (connection, batch) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var addClicks = connection.Prepared(SqliteStatements.AddClicks);
            addClicks.Transaction = transaction;
            foreach (var (count, linkIds) in LinkIdsByCount(batch.Clicks))
            {
                addClicks.Bind("@LinkIds", linkIds).Bind("@Count", count).ExecuteNonQuery();
            }

            var addVisits = connection.Prepared(SqliteStatements.AddVisits);
            addVisits.Transaction = transaction;
            foreach (var (kind, links) in batch.Visits)
            {
                addVisits.Bind("@Minute", kind.Minute).Bind("@Referrer", kind.Referrer).Bind("@Browser", kind.Browser)
                    .Bind("@Os", kind.Os).Bind("@Bot", kind.Bot ? 1 : 0);
                foreach (var (count, linkIds) in LinkIdsByCount(links))
                {
                    addVisits.Bind("@LinkIds", linkIds).Bind("@Visits", count).ExecuteNonQuery();
                }
            }

            AddRows(connection, transaction, batch);
            transaction.Commit();
            return batch.Clicks.Length;
        }, cancellationToken);
    }

    /// <summary>
    /// Each visit's row and each orphan visit, in the batch's transaction, one insert per row: the visits' through
    /// <see cref="SqliteRowStatement"/>, since a batch may hold hundreds of thousands of them; the orphan visits' (few)
    /// through a prepared command.
    /// </summary>
    private static void AddRows(PooledSqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, ClickBatch batch)
    {
        if (batch.Rows is { Count: > 0 } rows)
        {
            using var addRow = new SqliteRowStatement(connection.Connection, SqliteStatements.AddVisitRow);
            var (urlId, visitedAt, referrer, browser, os, bot, country) = (addRow.Parameter("@UrlId"), addRow.Parameter("@VisitedAt"),
                addRow.Parameter("@Referrer"), addRow.Parameter("@Browser"), addRow.Parameter("@Os"), addRow.Parameter("@Bot"), addRow.Parameter("@Country"));
            foreach (var row in rows)
            {
                addRow.Bind(urlId, row.LinkId).Bind(visitedAt, row.VisitedAt).Bind(referrer, row.Referrer).Bind(browser, row.Browser)
                    .Bind(os, row.Os).Bind(bot, row.Bot).Bind(country, row.Country).Run();
            }
        }

        if (batch.Orphans is { Count: > 0 } orphans)
        {
            var addOrphan = connection.Prepared(SqliteStatements.AddOrphanVisit);
            addOrphan.Transaction = transaction;
            foreach (var orphan in orphans)
            {
                addOrphan.Bind("@Kind", OrphanKinds.Name(orphan.Kind)).Bind("@Path", orphan.Path).Bind("@VisitedAt", orphan.VisitedAt)
                    .Bind("@Referrer", orphan.Referrer).Bind("@Browser", orphan.Browser).Bind("@Os", orphan.Os)
                    .Bind("@Bot", orphan.Bot ? 1 : 0).Bind("@Country", orphan.Country).ExecuteNonQuery();
            }
        }
    }

    public Task<long?> FoldClicksAsync(long afterId, int maxLinks, CancellationToken cancellationToken) =>
        database.WriteAsync((afterId, maxLinks), static (connection, fold) =>
        {
            using var transaction = connection.Connection.BeginTransaction();
            var end = connection.Prepared(SqliteStatements.NextFoldEnd);
            end.Transaction = transaction;
            if (end.Bind("@AfterId", fold.afterId).Bind("@Limit", fold.maxLinks).ExecuteScalar() is not long upToId)
            {
                return (long?)null;
            }

            foreach (var sql in (ReadOnlySpan<string>)[SqliteStatements.FoldClicks, SqliteStatements.ForgetFolded])
            {
                var step = connection.Prepared(sql);
                step.Transaction = transaction;
                step.Bind("@AfterId", fold.afterId).Bind("@UpToId", upToId).ExecuteNonQuery();
            }

            transaction.Commit();
            return upToId;
        }, cancellationToken);

    /// <summary>
    /// The links of <paramref name="links"/> a window of <see cref="LinksPerWindow"/> links at a time, grouped by their
    /// count, each group in ascending order as JSON arrays of at most <see cref="LinksPerStatement"/> ids.
    /// </summary>
    private static IEnumerable<(long Count, string LinkIds)> LinkIdsByCount(LinkCounts links)
    {
        // Most links of a batch share a count (one click each, when clicks are spread thin), so a window makes few
        // groups. Grouping a window at a time rather than the whole batch keeps the statements in link order: the
        // rarer counts' statements then find their pages still in SQLite's cache, rather than rewriting them a second
        // time after the whole table has gone by.
        var counts = ArrayPool<long>.Shared.Rent(LinksPerWindow);
        var linkIds = ArrayPool<long>.Shared.Rent(LinksPerWindow);
        try
        {
            var json = new StringBuilder();
            for (var window = 0; window < links.Length; window += LinksPerWindow)
            {
                var length = Math.Min(LinksPerWindow, links.Length - window);
                links.Counts.Slice(window, length).CopyTo(counts);
                links.LinkIds.Slice(window, length).CopyTo(linkIds);
                Array.Sort(counts, linkIds, 0, length);
                for (var start = 0; start < length;)
                {
                    var end = start;
                    while (end < length && counts[end] == counts[start])
                    {
                        end++;
                    }

                    // Sorting by count left each group's links out of order.
                    Array.Sort(linkIds, start, end - start);
                    for (var chunk = start; chunk < end; chunk += LinksPerStatement)
                    {
                        json.Clear().Append('[');
                        var chunkEnd = Math.Min(chunk + LinksPerStatement, end);
                        for (var i = chunk; i < chunkEnd; i++)
                        {
                            json.Append(i == chunk ? "" : ",").Append(linkIds[i]);
                        }

                        yield return (counts[start], json.Append(']').ToString());
                    }

                    start = end;
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(counts);
            ArrayPool<long>.Shared.Return(linkIds);
        }
    }
}
