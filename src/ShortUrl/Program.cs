using ShortUrl.Hosting;
// The content root is where the binaries are, so the page, the migrations and the default database are found
// whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddShortUrl();

var app = builder.Build();
app.MapShortUrl();

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.Explain(e) is { } reason)
{
    await Console.Error.WriteLineAsync(reason);
    return 1;
}

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
