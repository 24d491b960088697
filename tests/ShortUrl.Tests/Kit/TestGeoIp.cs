using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using ShortUrl.Tests.Processes;

namespace ShortUrl.Tests.Kit;

/// <summary>
/// A real, free MMDB country database for the tests: the public-domain <c>@ip-location-db/geo-whois-asn-country-mmdb</c>
/// package, fetched with <c>npm pack</c> once into the git-ignored <c>tests/.mmdb/</c> and reused by every later run.
/// </summary>
public static class TestGeoIp
{
    public const string Package = "@ip-location-db/geo-whois-asn-country-mmdb@2.3.2026061719";
    private const string FileName = "geo-whois-asn-country.mmdb";

    /// <summary>An address the database places in the United States (Google's public DNS).</summary>
    public const string UsAddress = "8.8.8.8";

    /// <summary>An address the database places in Great Britain.</summary>
    public const string GbAddress = "81.2.69.160";

    private static readonly SemaphoreSlim Fetching = new(1, 1);

    /// <summary>The database's full path, fetching it first if this checkout has not yet.</summary>
    public static async Task<string> PathAsync()
    {
        var folder = Path.Combine(PublishedApp.RepositoryRoot(), "tests", ".mmdb");
        var path = Path.Combine(folder, FileName);
        await Fetching.WaitAsync();
        try
        {
            if (!File.Exists(path))
            {
                await FetchAsync(folder, path);
            }

            return path;
        }
        finally
        {
            Fetching.Release();
        }
    }

    private static async Task FetchAsync(string folder, string path)
    {
        Directory.CreateDirectory(folder);
        var download = Path.Combine(folder, "download-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(download);
        try
        {
            var npm = new ProcessStartInfo("npm", ["pack", Package, "--pack-destination", download, "--silent"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            string errors;
            int exitCode;
            try
            {
                using var process = Process.Start(npm)!;
                var output = process.StandardOutput.ReadToEndAsync();
                errors = await process.StandardError.ReadToEndAsync();
                await output;
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                await process.WaitForExitAsync(timeout.Token);
                exitCode = process.ExitCode;
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
            {
                throw new InvalidOperationException(
                    $"The country tests need {Package}, fetched with 'npm pack', and npm could not run ({e.Message}). Install Node.js "
                    + $"and npm, or put {FileName} from that package into {folder} yourself.", e);
            }

            var tarball = Directory.GetFiles(download, "*.tgz").FirstOrDefault();
            if (exitCode != 0 || tarball is null)
            {
                throw new InvalidOperationException(
                    $"The country tests need {Package}, and 'npm pack' failed (exit code {exitCode}): {errors.Trim()}. Check that the "
                    + $"npm registry is reachable, or put {FileName} from that package into {folder} yourself.");
            }

            await using var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync() is { } entry)
            {
                if (entry.Name == "package/" + FileName)
                {
                    var partial = path + ".partial";
                    await entry.ExtractToFileAsync(partial, overwrite: true);
                    File.Move(partial, path, overwrite: true);
                    return;
                }
            }

            throw new InvalidOperationException($"{Package} has no {FileName}: the tests name the wrong package or version.");
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
    }
}
