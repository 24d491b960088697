namespace ShortUrl.Tests.Faults;

/// <summary>
/// A file system of a few megabytes of its own (tmpfs), mounted on a fresh folder, that a test can fill up and free
/// again. Mounting needs root (or CAP_SYS_ADMIN); without it the test fails saying so, since skipping would hide that the
/// fault was never tried.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string folder) => Folder = folder;

    public string Folder { get; }

    private string FillerPath => Path.Combine(Folder, "filler");

    public static async Task<SmallDisk> MountAsync(int megabytes)
    {
        var folder = Directory.CreateTempSubdirectory("shorturl-small-disk-").FullName;
        var (exitCode, output) = await Command.TryRunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder);
        if (exitCode != 0)
        {
            Directory.Delete(folder);
            throw new InvalidOperationException(
                $"This test needs a small file system to fill, and 'mount -t tmpfs' failed (exit code {exitCode}, running as "
                + $"{Environment.UserName}): {output}. Run the tests as root, or in a container with CAP_SYS_ADMIN.");
        }

        return new SmallDisk(folder);
    }

    /// <summary>Writes a filler file until the file system has no room left.</summary>
    public void Fill()
    {
        var block = new byte[64 * 1024];
        using var filler = new FileStream(FillerPath, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        try
        {
            // Bounded: the disk is a few megabytes, so this ends in a full disk long before the bound.
            for (var i = 0; i < 100_000; i++)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // No space left on device: what the test wants.
        }

        // Whatever is left is less than a block: take it too, a byte at a time is too slow, so halve the block.
        for (var size = block.Length / 2; size > 0; size /= 2)
        {
            try
            {
                while (true)
                {
                    filler.Write(block, 0, size);
                }
            }
            catch (IOException)
            {
            }
        }
    }

    public long FreeBytes => new DriveInfo(Folder).AvailableFreeSpace;

    /// <summary>Deletes the filler: the room is back.</summary>
    public void Free() => File.Delete(FillerPath);

    /// <summary>Unmounts the file system (lazily if a process still holds it) and deletes the folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if ((await Command.TryRunAsync("umount", Folder)).ExitCode != 0)
        {
            await Command.TryRunAsync("umount", "-l", Folder);
        }

        Directory.Delete(Folder, recursive: true);
    }
}
