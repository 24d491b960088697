using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Seeder;

// The benchmark's database tool, so bench/run.sh and bench/search.sh need nothing but the .NET SDK and wrk:
//   Seeder seed <database> <count> <links.tsv> [--labels]   inserts <count> links into a SQLite database the service has
//                                                           already migrated, in one transaction, and writes
//                                                           "code<TAB>url" lines; --labels gives each a title and some tags
//   Seeder seed-postgres <connection> <count> <links.tsv> [--labels]   the same into a migrated PostgreSQL database
//   Seeder queries <count> <queries.txt>                   writes <count> search texts for links seeded with --labels
//   Seeder drop-search <database>                           takes the search index (migration 0009) out of a SQLite
//                                                           database, for creates without it side by side
//   Seeder clicks <database>                                prints the sum of recorded clicks
//   Seeder clicks-postgres <connection>                     the same in a PostgreSQL database
return args switch
{
    ["seed", var database, var count, var linksFile, .. var rest] => SeedSqlite(database, Count(count), linksFile, Labels(rest)),
    ["seed-postgres", var connection, var count, var linksFile, .. var rest] => SeedPostgres(connection, Count(count), linksFile, Labels(rest)),
    ["queries", var count, var queriesFile] => SeededLabels.WriteQueries(Count(count), queriesFile),
    ["drop-search", var database] => DropSearch(database),
    ["clicks", var database] => PrintClicks(database),
    ["clicks-postgres", var connection] => PrintPostgresClicks(connection),
    _ => Usage(),
};

static int Count(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static bool Labels(string[] rest) => rest is ["--labels"];

static int SeedSqlite(string database, int count, string linksFile, bool labels)
{
    var stopwatch = Stopwatch.StartNew();
    using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
    connection.Open();
    // A scratch database: nothing to protect from a power cut while it is being filled. Its one transaction goes
    // through a rollback journal, which holds only the few pages the migrations wrote, rather than the WAL, which would
    // hold a second copy of every page (gigabytes for ten million links) until a checkpoint copied them all again; the
    // database is left in WAL mode as it was. A cache of up to a gigabyte keeps the pages being filled in memory.
    Execute(connection, "PRAGMA synchronous = OFF; PRAGMA journal_mode = DELETE; PRAGMA cache_size = -1048576");

    // Links marked to be indexed later (migration 0012) skip the search index's triggers, and are indexed all at once at
    // the end, as the service's indexer would in batches: far quicker than a million trigger-sized index writes.
    var indexLater = Scalar(connection, "SELECT count(*) FROM pragma_table_info('urls') WHERE name = 'index_later'") == 1;
    using var transaction = connection.BeginTransaction();
    using var insert = connection.CreateCommand();
    insert.CommandText = indexLater
        ? "INSERT INTO urls (code, url, created_at, title, index_later) VALUES ($code, $url, $createdAt, $title, 1) RETURNING id"
        : "INSERT INTO urls (code, url, created_at, title) VALUES ($code, $url, $createdAt, $title) RETURNING id";
    var codeParameter = insert.Parameters.Add("$code", SqliteType.Text);
    var urlParameter = insert.Parameters.Add("$url", SqliteType.Text);
    var titleParameter = insert.Parameters.Add("$title", SqliteType.Text);
    insert.Parameters.AddWithValue("$createdAt", SeededLinks.CreatedAt);
    insert.Prepare();

    using var tag = connection.CreateCommand();
    tag.CommandText = "INSERT INTO link_tags (url_id, tag_id, position) VALUES ($urlId, $tagId, $position)";
    var urlIdParameter = tag.Parameters.Add("$urlId", SqliteType.Integer);
    var tagIdParameter = tag.Parameters.Add("$tagId", SqliteType.Integer);
    var positionParameter = tag.Parameters.Add("$position", SqliteType.Integer);
    if (labels)
    {
        using var tags = connection.CreateCommand();
        tags.CommandText = "INSERT INTO tags (id, name) VALUES ($id, $name)";
        var idParameter = tags.Parameters.Add("$id", SqliteType.Integer);
        var nameParameter = tags.Parameters.Add("$name", SqliteType.Text);
        for (var i = 0; i < SeededLabels.Tags.Length; i++)
        {
            idParameter.Value = i + 1;
            nameParameter.Value = SeededLabels.Tags[i];
            tags.ExecuteNonQuery();
        }

        tag.Prepare();
    }

    using var links = new StreamWriter(linksFile);
    foreach (var link in SeededLinks.Generate(count, labels))
    {
        codeParameter.Value = link.Code;
        urlParameter.Value = link.Url;
        titleParameter.Value = (object?)link.Title ?? DBNull.Value;
        var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        for (var position = 0; position < link.TagIndexes.Length; position++)
        {
            urlIdParameter.Value = id;
            tagIdParameter.Value = link.TagIndexes[position] + 1;
            positionParameter.Value = position;
            tag.ExecuteNonQuery();
        }

        links.Write(link.Code);
        links.Write('\t');
        links.WriteLine(link.Url);
    }

    var rowsSeconds = stopwatch.Elapsed.TotalSeconds;
    if (indexLater)
    {
        // With the index's own settings: built with other merge settings, it would leave segments that the service's
        // next writes, under the migration's settings, merge in one go, seconds at a time.
        Execute(connection, """
            INSERT INTO link_search (rowid, code, url, title, tags)
            SELECT urls.id, urls.code, urls.url, urls.title,
                   (SELECT group_concat(tags.name, char(10)) FROM link_tags JOIN tags ON tags.id = link_tags.tag_id WHERE link_tags.url_id = urls.id)
            FROM urls WHERE index_later = 1;
            UPDATE urls SET index_later = NULL WHERE index_later = 1;
            """);
    }

    transaction.Commit();
    Execute(connection, "PRAGMA journal_mode = WAL");
    Console.WriteLine($"seeded {count:N0} links into {database} in {stopwatch.Elapsed.TotalSeconds:F1} s " +
        $"(rows {rowsSeconds:F1} s, search index {stopwatch.Elapsed.TotalSeconds - rowsSeconds:F1} s)");
    return 0;
}

static void Execute(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static int SeedPostgres(string connectionString, int count, string linksFile, bool labels)
{
    var stopwatch = Stopwatch.StartNew();
    using var connection = new NpgsqlConnection(connectionString);
    connection.Open();
    var seeded = SeededLinks.Generate(count, labels).ToList();
    using (var copy = connection.BeginBinaryImport("COPY urls (code, url, created_at, title) FROM STDIN (FORMAT BINARY)"))
    {
        var createdAt = DateTime.Parse(SeededLinks.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        foreach (var link in seeded)
        {
            copy.StartRow();
            copy.Write(link.Code, NpgsqlDbType.Text);
            copy.Write(link.Url, NpgsqlDbType.Text);
            copy.Write(createdAt, NpgsqlDbType.TimestampTz);
            if (link.Title is null)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(link.Title, NpgsqlDbType.Text);
            }
        }

        copy.Complete();
    }

    if (labels)
    {
        var tagIds = new long[SeededLabels.Tags.Length];
        using (var tags = new NpgsqlCommand("INSERT INTO tags (name) SELECT unnest(@names) RETURNING id, name", connection))
        {
            tags.Parameters.AddWithValue("names", SeededLabels.Tags);
            using var reader = tags.ExecuteReader();
            while (reader.Read())
            {
                tagIds[Array.IndexOf(SeededLabels.Tags, reader.GetString(1))] = reader.GetInt64(0);
            }
        }

        var ids = new Dictionary<string, long>(count, StringComparer.Ordinal);
        using (var read = new NpgsqlCommand("SELECT id, code FROM urls", connection))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                ids[reader.GetString(1)] = reader.GetInt64(0);
            }
        }

        using var copy = connection.BeginBinaryImport("COPY link_tags (url_id, tag_id, position) FROM STDIN (FORMAT BINARY)");
        foreach (var link in seeded)
        {
            for (var position = 0; position < link.TagIndexes.Length; position++)
            {
                copy.StartRow();
                copy.Write(ids[link.Code], NpgsqlDbType.Bigint);
                copy.Write(tagIds[link.TagIndexes[position]], NpgsqlDbType.Bigint);
                copy.Write(position, NpgsqlDbType.Integer);
            }
        }

        copy.Complete();
    }

    // As autovacuum leaves a table soon after a bulk load, and as pgbench's own initialisation does: otherwise the first
    // searches would pay for setting the hint bits of the seed's rows, and write those pages, on their first read.
    using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 })
    {
        vacuum.ExecuteNonQuery();
    }

    using var links = new StreamWriter(linksFile);
    foreach (var link in seeded)
    {
        links.Write(link.Code);
        links.Write('\t');
        links.WriteLine(link.Url);
    }

    Console.WriteLine($"seeded {count:N0} links into PostgreSQL in {stopwatch.Elapsed.TotalSeconds:F1} s");
    return 0;
}

static int DropSearch(string database)
{
    using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
    connection.Open();
    using var drop = connection.CreateCommand();
    drop.CommandText = """
        DROP TRIGGER urls_search_insert; DROP TRIGGER urls_search_update; DROP TRIGGER urls_search_delete;
        DROP TRIGGER link_tags_search_insert; DROP TRIGGER link_tags_search_delete; DROP TRIGGER tags_search_rename;
        DROP TABLE link_search; DROP INDEX IF EXISTS ix_urls_index_later; VACUUM;
        """;
    drop.ExecuteNonQuery();
    return 0;
}

static long Scalar(SqliteConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
}

static int PrintClicks(string database)
{
    using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
    connection.Open();
    // Clicks not yet folded into urls wait in link_clicks (migration 0005).
    Console.WriteLine(Scalar(connection, "SELECT (SELECT COALESCE(SUM(clicks), 0) FROM urls) + (SELECT COALESCE(SUM(clicks), 0) FROM link_clicks)"));
    return 0;
}

static int PrintPostgresClicks(string connectionString)
{
    using var connection = new NpgsqlConnection(connectionString);
    connection.Open();
    // The PostgreSQL click sink adds each batch's clicks to urls.clicks in the same transaction as its visits.
    using var sum = new NpgsqlCommand("SELECT COALESCE(SUM(clicks), 0) FROM urls", connection);
    Console.WriteLine(Convert.ToInt64(sum.ExecuteScalar(), CultureInfo.InvariantCulture));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Seeder seed <database> <count> <links.tsv> [--labels] | " +
        "Seeder seed-postgres <connection> <count> <links.tsv> [--labels] | Seeder queries <count> <queries.txt> | " +
        "Seeder drop-search <database> | Seeder clicks <database> | Seeder clicks-postgres <connection>");
    return 2;
}
