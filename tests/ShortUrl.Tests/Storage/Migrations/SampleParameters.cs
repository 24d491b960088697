using System.Text.RegularExpressions;
using Dapper;

namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>
/// A sample value for every parameter name the store's statements use, so that any statement, of any release, can run
/// without knowing what it does. Each sample row gets its own values, so inserts never collide with earlier rows.
/// </summary>
public static partial class SampleParameters
{
    private static readonly Dictionary<string, Func<int, StoreDialect, object>> ValuesByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Code"] = (row, _) => $"sample{row}",
        ["Url"] = (row, _) => $"https://example.com/sample/{row}",
        ["CreatedAt"] = (row, dialect) => dialect.SampleTimeOf(row),
        // A code no sample row has: deleting the sample rows would leave the next migration an empty table to run on.
        ["DeletedCode"] = (row, _) => $"never-created-{row}",
        ["ExpiresAt"] = (row, dialect) => dialect.SampleTimeOf(row + 60 * 24 * 365),
        ["MaxClicks"] = (row, _) => 1000L + row,
        ["PasswordHash"] = (row, _) => $"sample-hash-{row}",
        ["CreatedBy"] = (row, _) => $"sample-key-{row}",
        // API keys: one per sample row, each with a hash of its own.
        ["Role"] = (_, _) => "author",
        ["KeyHash"] = (row, _) => row.ToString("x64"),
        ["LastUsedAt"] = (row, dialect) => dialect.SampleTimeOf(row),
        // Edits change every field, so each CASE branch runs.
        ["ChangeUrl"] = (_, _) => true,
        ["ChangeExpiresAt"] = (_, _) => true,
        ["ChangeMaxClicks"] = (_, _) => true,
        ["ChangePasswordHash"] = (_, _) => true,
        ["Limit"] = (_, _) => 20,
        // The search: text that every sample row's target holds, in the form each statement takes it.
        ["Offset"] = (_, _) => 0L,
        ["Sort"] = (_, _) => "-clicks",
        ["Match"] = (_, _) => "\"example\"",
        ["MatchCode"] = (_, _) => "code : \"sample\"",
        ["Pattern"] = (_, _) => "%ex%",
        ["SeesProtected"] = (_, _) => false,
        ["TagsNeeded"] = (_, _) => 1,
        ["AfterId"] = (_, _) => 0L,
        ["UpToId"] = (_, _) => long.MaxValue,
        // SQLite's batched writes: one row each, to the first sample row.
        ["ClickBatch"] = (row, _) => $"[[1,{row}]]",
        ["VisitBatch"] = (row, _) => $"[[1,{29_000_000L + row},\"ref{row}.example.com\",\"Firefox\",\"Linux\",{row % 2},{row}]]",
        ["LinkIds"] = (_, _) => "[1]",
        // Clicks go to the first sample row, so the update touches a row that exists.
        ["Id"] = (_, _) => 1,
        ["Count"] = (row, _) => row,
        ["Ids"] = (_, _) => new long[] { 1 },
        ["Counts"] = (row, _) => new long[] { row },
        // Visits go to the first sample row too, one key per sample row.
        ["UrlId"] = (_, _) => 1,
        ["Minute"] = (row, _) => 29_000_000L + row,
        ["Referrer"] = (row, _) => $"ref{row}.example.com",
        ["Browser"] = (_, _) => "Firefox",
        ["Os"] = (_, _) => "Linux",
        ["Bot"] = (row, _) => row % 2,
        ["Visits"] = (row, _) => (long)row,
        ["UrlIds"] = (_, _) => new long[] { 1 },
        ["Minutes"] = (row, _) => new[] { 29_000_000L + row },
        ["Referrers"] = (row, _) => new[] { $"ref{row}.example.com" },
        ["Browsers"] = (_, _) => new[] { "Firefox" },
        ["Oses"] = (_, _) => new[] { "Linux" },
        ["Bots"] = (row, _) => new[] { (short)(row % 2) },
        ["VisitCounts"] = (row, _) => new[] { (long)row },
        ["FromMinute"] = (_, _) => 0L,
        ["ToMinute"] = (_, _) => long.MaxValue,
        // Far above any real migration: the history rows the statements write never look like a migration to apply.
        ["Version"] = (row, _) => 9000 + row,
        ["Name"] = (row, _) => $"sample_{row}",
        ["Checksum"] = (row, _) => new string((char)('a' + row % 6), 64),
        ["AppliedAt"] = (row, dialect) => dialect.SampleTimeOf(row),
        // Titles and tags (0008): each sample row tags the first link with a tag of its own and one they share.
        ["ChangeTitle"] = (_, _) => true,
        ["Title"] = (row, _) => $"Sample title {row}",
        // Query forwarding and redirect rules (0011).
        ["ForwardQuery"] = (row, _) => row % 2 == 0,
        ["ChangeForwardQuery"] = (_, _) => true,
        ["RedirectRules"] = (row, _) => "[{\"url\":\"https://example.com/ios\",\"conditions\":[{\"type\":\"device\",\"value\":\"ios\"}]}]",
        ["ChangeRedirectRules"] = (_, _) => true,
        ["Tags"] = (row, dialect) => dialect == StoreDialect.Sqlite
            ? $"[\"shared\",\"sample-{row}\"]"
            : new[] { "shared", $"sample-{row}" },
        ["TagName"] = (row, _) => $"sample-{row}",
        ["NewName"] = (row, _) => $"renamed-{row}",
        ["TagId"] = (_, _) => 1L,
        ["WithProtected"] = (_, _) => true,
        // Each visit as a row (0010): visits of the first sample row, orphan visits of every kind, nothing old enough to prune.
        ["VisitedAt"] = (row, _) => 1_740_000_000_000L + row,
        ["Country"] = (row, _) => row % 2 == 0 ? "US" : "GB",
        ["FromMs"] = (_, _) => 0L,
        ["ToMs"] = (_, _) => long.MaxValue,
        ["Kind"] = (row, _) => (row % 3) switch { 0 => "base_url", 1 => "invalid_short_url", _ => "regular_404" },
        ["Path"] = (row, _) => $"/sample/{row}",
        ["BeforeMs"] = (_, _) => 0L,
        ["VisitedAts"] = (row, _) => new[] { 1_740_000_000_000L + row },
        ["Countries"] = (row, _) => new[] { row % 2 == 0 ? "US" : null },
        ["Kinds"] = (row, _) => new[] { "regular_404" },
        ["Paths"] = (row, _) => new[] { $"/sample/{row}" },
        // Visits across links (the peers' APIs): those of a sample tag.
        ["Tag"] = (row, _) => $"sample-{row}",
    };

    /// <summary>The parameters <paramref name="statement"/> names, with the values of sample row <paramref name="row"/>.</summary>
    /// <exception cref="InvalidOperationException">A parameter has no sample value yet.</exception>
    public static DynamicParameters For(Statement statement, int row, StoreDialect dialect)
    {
        var parameters = new DynamicParameters();
        foreach (var name in ParameterPattern().Matches(statement.Sql).Select(m => m.Groups[1].Value).Distinct())
        {
            if (!ValuesByName.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException(
                    $"it uses @{name}, which has no sample value: add one to {nameof(SampleParameters)}.cs");
            }

            parameters.Add(name, value(row, dialect));
        }

        return parameters;
    }

    [GeneratedRegex(@"(?<![\w@])@([A-Za-z_]\w*)")]
    private static partial Regex ParameterPattern();
}
