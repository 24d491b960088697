// The bare baseline for bench/run.sh: Kestrel and a minimal API that redirects from a dictionary of the seeded
// links ("code<TAB>url" lines from the file given as --links). No database, no cache bound, no click counting:
// the speed ShortUrl's redirects are measured against.
var builder = WebApplication.CreateBuilder(args);
var links = File.ReadLines(builder.Configuration["links"] ?? throw new ArgumentException("--links <file> is required"))
    .Select(line => line.Split('\t'))
    .ToDictionary(fields => fields[0], fields => fields[1], StringComparer.Ordinal);

var app = builder.Build();
app.MapMethods("/{code}", [HttpMethods.Get, HttpMethods.Head],
    (string code) => links.TryGetValue(code, out var url) ? Results.Redirect(url) : Results.NotFound());
app.Run();
