using System.Reflection;
using System.Text;
using ShortUrl.Storage;
namespace ShortUrl.Tests.Storage.Migrations;

/// <summary>One SQL statement of a store, by the name of its constant in its <c>Sql</c> class.</summary>
public sealed record Statement(string Name, string Sql);

/// <summary>
/// Every SQL statement one release runs on one database, frozen: <c>Snapshots/sqlite/vNNNN.sql</c> holds the SQLite
/// statements of the release whose newest migration is NNNN, each under a <c>-- name: Insert</c> line, and
/// <c>Snapshots/postgres/</c> the PostgreSQL ones. The snapshot of the newest schema version is written from the store's
/// own constants, so it cannot drift from the code.
/// </summary>
public sealed class StatementSnapshot(StoreDialect dialect, int schemaVersion, string release, IReadOnlyList<Statement> statements)
{
    /// <summary>Set to 1 to write the newest snapshot from the store instead of checking it (see docs/migrations.md).</summary>
    public const string WriteVariable = "SHORTURL_WRITE_SNAPSHOT";

    private const string NamePrefix = "-- name: ";

    /// <summary>Snapshots are kept per database: the same release runs different SQL on another one.</summary>
    public StoreDialect Dialect { get; } = dialect;

    /// <summary>The newest migration this release knows.</summary>
    public int SchemaVersion { get; } = schemaVersion;

    /// <summary>How failures name it, for example <c>release v0001</c>.</summary>
    public string Release { get; } = release;

    public IReadOnlyList<Statement> Statements { get; } = statements;

    public static string Folder(StoreDialect dialect) => Path.Combine(MigrationFiles.TestFolder, "Snapshots", dialect.Name);

    public static string FileName(int schemaVersion) => $"v{schemaVersion:D4}.sql";

    /// <summary>The path from the repository root, for messages.</summary>
    public static string DisplayPath(StoreDialect dialect, int schemaVersion) =>
        $"tests/ShortUrl.Tests/Storage/Migrations/Snapshots/{dialect.Name}/{FileName(schemaVersion)}";

    /// <summary>
    /// The statements this build's store runs: the constants of its dialect's statement class, then those both dialects
    /// share (<see cref="SharedSql"/>), each in declaration order.
    /// </summary>
    public static StatementSnapshot OfThisBuild(StoreDialect dialect, int schemaVersion)
    {
        var statements = new[] { dialect.Statements, typeof(SharedSql) }
            .SelectMany(type => type
                .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(field => field.FieldType == typeof(string) && (field.IsLiteral || field.IsInitOnly))
                .OrderBy(field => field.MetadataToken))
            .Select(field => new Statement(field.Name, Normalize((string)field.GetValue(null)!)))
            .ToList();
        var named = statements.GroupBy(statement => statement.Name).FirstOrDefault(names => names.Count() > 1);
        return named is null
            ? new StatementSnapshot(dialect, schemaVersion, "this build", statements)
            : throw new InvalidOperationException($"{named.Key} is both a {dialect.Name} statement and a shared one: a snapshot names each once.");
    }

    /// <summary>Every snapshot in the folder, oldest first.</summary>
    public static IReadOnlyList<StatementSnapshot> LoadAll(StoreDialect dialect) =>
        (Directory.Exists(Folder(dialect)) ? Directory.EnumerateFiles(Folder(dialect), "v*.sql") : [])
            .Select(path => Load(dialect, path))
            .OrderBy(snapshot => snapshot.SchemaVersion)
            .ToList();

    public static StatementSnapshot Load(StoreDialect dialect, string path)
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

        return new StatementSnapshot(dialect, version, $"release v{version:D4}", statements);
    }

    public string ToFileText()
    {
        var text = new StringBuilder()
            .Append($"-- Every SQL statement that the release on schema version {SchemaVersion:D4} runs, from {Dialect.StoreName}.\n")
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
