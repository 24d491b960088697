// `ShortUrl keys ...` manages API keys in the configured database and exits; anything else runs the service.
if (KeysCommandLine.ArgumentsOfTheCommand(args) is { } keysArgs)
{
    return await KeysCommand.RunAsync(keysArgs);
}

var builder = ShortUrlServices.CreateBuilder(args);
SocketCompletions.PrepareProcess();
builder.AddShortUrl();

try
{
    // Building reads the logging configuration too, so a bad log level is explained like any other setting.
    var app = builder.Build();
    app.MapShortUrl();
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
