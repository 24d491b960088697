using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ShortUrl.Storage.Migrations;

/// <summary>One numbered file of <c>migrations/</c>, for example <c>0001_create_urls.sql</c>.</summary>
internal sealed partial record Migration(int Version, string Name, string Sql, string Checksum)
{
    public string FileName => $"{Version:D4}_{Name}.sql";

    public static IReadOnlyList<Migration> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new MigrationException($"The migrations folder '{folder}' does not exist: check ShortUrl:MigrationsPath.");
        }

        var migrations = new List<Migration>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.sql"))
        {
            var match = FileNamePattern().Match(Path.GetFileName(path));
            if (!match.Success)
            {
                throw new MigrationException(
                    $"'{Path.GetFileName(path)}' in {folder} is not named NNNN_name.sql; rename it so it has a version.");
            }

            migrations.Add(FromSql(int.Parse(match.Groups[1].Value), match.Groups[2].Value, File.ReadAllText(path)));
        }

        if (migrations.Count == 0)
        {
            // Without a schema every request would fail: better not to start at all.
            throw new MigrationException($"The migrations folder '{folder}' has no NNNN_name.sql files.");
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException(
                $"Migrations {string.Join(" and ", duplicate.Select(m => m.FileName))} share version {duplicate.Key}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    public static Migration FromSql(int version, string name, string sql) => new(version, name, sql, ChecksumOf(sql));

    /// <summary>SHA-256 of the text with line endings normalised, so a checkout on Windows does not look edited.</summary>
    public static string ChecksumOf(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    [GeneratedRegex(@"^(\d{4})_([A-Za-z0-9_\-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}

/// <summary>A migration as the database's history table records it.</summary>
internal sealed record AppliedMigration(long Version, string Name, string Checksum, string AppliedAt);

/// <summary>The schema cannot be brought up to date; the message says why and which file.</summary>
internal sealed class MigrationException(string message, Exception? innerException = null) : Exception(message, innerException);
