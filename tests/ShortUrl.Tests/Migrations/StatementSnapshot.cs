using System.Reflection;
using System.Text;
using ShortUrl.Data;

namespace ShortUrl.Tests.Migrations;

/// <summary>One SQL statement of the store, by the name of its constant in <c>SqliteUrlStore.Sql</c>.</summary>
public sealed record Statement(string Name, string Sql);

/// <summary>
/// Every SQL statement one release runs, frozen: <c>Snapshots/sqlite/vNNNN.sql</c> holds the statements of the release
/// whose newest migration is NNNN, each under a <c>-- name: Insert</c> line. The snapshot of the newest schema version is
/// written from the store's own constants, so it cannot drift from the code.
/// </summary>
public sealed class StatementSnapshot(int schemaVersion, string release, IReadOnlyList<Statement> statements)
{
    /// <summary>
    /// Snapshots are kept per database dialect: the same release runs different SQL on another database.
    /// </summary>
    public const string Dialect = "sqlite";

    /// <summary>Set to 1 to write the newest snapshot from the store instead of checking it (see docs/migrations.md).</summary>
    public const string WriteVariable = "SHORTURL_WRITE_SNAPSHOT";

    private const string NamePrefix = "-- name: ";

    /// <summary>The newest migration this release knows.</summary>
    public int SchemaVersion { get; } = schemaVersion;

    /// <summary>How failures name it, for example <c>release v0001</c>.</summary>
    public string Release { get; } = release;

    public IReadOnlyList<Statement> Statements { get; } = statements;

    public static string Folder => Path.Combine(MigrationFiles.TestFolder, "Snapshots", Dialect);

    public static string FileName(int schemaVersion) => $"v{schemaVersion:D4}.sql";

    /// <summary>The path from the repository root, for messages.</summary>
    public static string DisplayPath(int schemaVersion) => $"tests/ShortUrl.Tests/Migrations/Snapshots/{Dialect}/{FileName(schemaVersion)}";

    /// <summary>The statements this build's store runs, read from the constants of <c>SqliteUrlStore.Sql</c> in declaration order.</summary>
    public static StatementSnapshot OfThisBuild(int schemaVersion)
    {
        var statements = typeof(SqliteUrlStore.Sql)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(string) && (field.IsLiteral || field.IsInitOnly))
            .OrderBy(field => field.MetadataToken)
            .Select(field => new Statement(field.Name, Normalize((string)field.GetValue(null)!)))
            .ToList();
        return new StatementSnapshot(schemaVersion, "this build", statements);
    }

    /// <summary>Every snapshot in the folder, oldest first.</summary>
    public static IReadOnlyList<StatementSnapshot> LoadAll() =>
        Directory.EnumerateFiles(Folder, "v*.sql")
            .Select(Load)
            .OrderBy(snapshot => snapshot.SchemaVersion)
            .ToList();

    public static StatementSnapshot Load(string path)
    {
        var version = int.Parse(Path.GetFileNameWithoutExtension(path).TrimStart('v'));
        var statements = new List<Statement>();
        string? name = null;
        var sql = new StringBuilder();
        foreach (var line in File.ReadAllLines(path).Append(NamePrefix))
        {
            if (!line.StartsWith(NamePrefix, StringComparison.Ordinal))
            {
                sql.Append(line).Append('\n');
                continue;
            }

            // Lines before the first name are the file's header.
            if (name is not null)
            {
                statements.Add(new Statement(name, Normalize(sql.ToString())));
            }

            name = line[NamePrefix.Length..].Trim();
            sql.Clear();
        }

        return new StatementSnapshot(version, $"release v{version:D4}", statements);
    }

    public string ToFileText()
    {
        var text = new StringBuilder()
            .Append($"-- Every SQL statement that the release on schema version {SchemaVersion:D4} runs, from SqliteUrlStore.Sql.\n")
            .Append("-- Frozen once released: the backward-compatibility test replays it against later migrations.\n")
            .Append("-- Written by the test run, not by hand: see docs/migrations.md.\n");
        foreach (var statement in Statements)
        {
            text.Append('\n').Append(NamePrefix).Append(statement.Name).Append('\n').Append(statement.Sql).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>How the statements differ from <paramref name="other"/>'s, by name; empty when they are the same.</summary>
    public IReadOnlyList<string> DifferencesFrom(StatementSnapshot other)
    {
        var mine = Statements.ToDictionary(s => s.Name, s => s.Sql);
        var theirs = other.Statements.ToDictionary(s => s.Name, s => s.Sql);
        return mine.Keys.Union(theirs.Keys)
            .Select(name => (mine.GetValueOrDefault(name), theirs.GetValueOrDefault(name)) switch
            {
                (null, _) => $"{name} is gone",
                (_, null) => $"{name} is new",
                var (a, b) when a != b => $"{name} changed",
                _ => null,
            })
            .OfType<string>()
            .ToList();
    }

    private static string Normalize(string sql) => sql.ReplaceLineEndings("\n").Trim();
}
