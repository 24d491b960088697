using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

// The benchmark's database tool, so bench/run.sh needs nothing but the .NET SDK and wrk:
//   Seeder seed <database> <count> <links.tsv>  inserts <count> links into a database the service has already
//                                               migrated, in one transaction, and writes "code<TAB>url" lines
//   Seeder clicks <database>                    prints the sum of recorded clicks
return args switch
{
    ["seed", var database, var count, var linksFile] => Seed(database, int.Parse(count, CultureInfo.InvariantCulture), linksFile),
    ["clicks", var database] => PrintClicks(database),
    _ => Usage(),
};

static int Seed(string database, int count, string linksFile)
{
    const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    var stopwatch = Stopwatch.StartNew();
    var random = new Random(count);
    var codes = new HashSet<string>(count, StringComparer.Ordinal);
    Span<char> code = stackalloc char[7];
    while (codes.Count < count)
    {
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = alphabet[random.Next(alphabet.Length)];
        }

        codes.Add(new string(code));
    }

    using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
    connection.Open();
    using (var pragma = connection.CreateCommand())
    {
        // A scratch database: nothing to protect from a power cut while it is being filled.
        pragma.CommandText = "PRAGMA synchronous = OFF";
        pragma.ExecuteNonQuery();
    }

    using var transaction = connection.BeginTransaction();
    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO urls (code, url, created_at) VALUES ($code, $url, $createdAt)";
    var codeParameter = insert.Parameters.Add("$code", SqliteType.Text);
    var urlParameter = insert.Parameters.Add("$url", SqliteType.Text);
    insert.Parameters.AddWithValue("$createdAt", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    insert.Prepare();

    using var links = new StreamWriter(linksFile);
    var n = 0;
    foreach (var seeded in codes)
    {
        var url = $"https://example.com/articles/{n++:D7}/a-page-worth-sharing?utm_source=bench";
        codeParameter.Value = seeded;
        urlParameter.Value = url;
        insert.ExecuteNonQuery();
        links.Write(seeded);
        links.Write('\t');
        links.WriteLine(url);
    }

    transaction.Commit();
    Console.WriteLine($"seeded {count:N0} links into {database} in {stopwatch.Elapsed.TotalSeconds:F1} s");
    return 0;
}

static int PrintClicks(string database)
{
    using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
    connection.Open();
    using var sum = connection.CreateCommand();
    // Clicks not yet folded into urls wait in link_clicks (migration 0005).
    sum.CommandText = "SELECT (SELECT COALESCE(SUM(clicks), 0) FROM urls) + (SELECT COALESCE(SUM(clicks), 0) FROM link_clicks)";
    Console.WriteLine(Convert.ToInt64(sum.ExecuteScalar(), CultureInfo.InvariantCulture));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Seeder seed <database> <count> <links.tsv> | Seeder clicks <database>");
    return 2;
}
