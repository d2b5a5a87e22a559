using Microsoft.Extensions.Options;

namespace Mam.Hosting;

/// <summary>Scratch folders for work on media: a downloaded original, audio pieces for speech, sampled
/// frames, a proxy before it is stored. They live under {Mam:DataDirectory}/work (or Mam:WorkDirectory):
/// on the disk sized for media rather than /tmp, which is often a small tmpfs, and in one folder an
/// operator can find and the pipeline can clean.</summary>
public sealed class WorkFolders
{
    public WorkFolders(IOptions<MamOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value.WorkPath)
    {
    }

    public WorkFolders(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>The file in each scratch folder naming the process that made it (<see cref="ProcessIdentity"/>).</summary>
    public const string OwnerFileName = ".owner";

    /// <summary>A new empty folder named after what it is for ("proxy", "transcribe"…), deleted with
    /// everything in it when disposed. It names this process as its owner, so a later start can tell a
    /// dead process's leftovers from a live one's work.</summary>
    public WorkFolder Create(string purpose)
    {
        var path = Path.Combine(Root, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, OwnerFileName), ProcessIdentity.Current.ToString());
        return new WorkFolder(path);
    }

    /// <summary>Deletes what a killed process left under <see cref="Root"/>: every folder whose owner is no
    /// longer running. A live owner's folder is never touched (an API and a worker may share the data
    /// directory). Entries whose owner cannot be checked (no owner file, or another host's on a shared disk)
    /// go only when nothing was written in them since <paramref name="staleBefore"/>. Names starting with a
    /// dot are bookkeeping, not scratch.</summary>
    public SweptWork SweepLeftovers(DateTimeOffset staleBefore)
    {
        var swept = new SweptWork(0, 0);
        if (!Directory.Exists(Root))
        {
            return swept;
        }
        foreach (var entry in new DirectoryInfo(Root).EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.'))
            {
                continue;
            }
            try
            {
                var (newest, bytes) = NewestWriteAndSize(entry);
                var ownerAlive = OwnerOf(entry)?.IsAlive;
                if (ownerAlive == true || (ownerAlive is null && newest >= staleBefore.UtcDateTime))
                {
                    continue;
                }
                if (entry is DirectoryInfo folder)
                {
                    folder.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
                swept = new SweptWork(swept.Entries + 1, swept.Bytes + bytes);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to delete: the next start tries again.
            }
        }
        return swept;
    }

    private static ProcessIdentity? OwnerOf(FileSystemInfo entry)
    {
        var marker = Path.Combine(entry.FullName, OwnerFileName);
        return entry is DirectoryInfo && File.Exists(marker) && ProcessIdentity.TryParse(File.ReadAllText(marker), out var owner) ? owner : null;
    }

    private static (DateTime NewestUtc, long Bytes) NewestWriteAndSize(FileSystemInfo entry)
    {
        if (entry is not DirectoryInfo folder)
        {
            return (entry.LastWriteTimeUtc, ((FileInfo)entry).Length);
        }
        var newest = folder.LastWriteTimeUtc;
        long bytes = 0;
        foreach (var inner in folder.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            newest = inner.LastWriteTimeUtc > newest ? inner.LastWriteTimeUtc : newest;
            bytes += inner is FileInfo file ? file.Length : 0;
        }
        return (newest, bytes);
    }
}

/// <summary>What <see cref="WorkFolders.SweepLeftovers"/> removed.</summary>
public readonly record struct SweptWork(int Entries, long Bytes);

/// <summary>One scratch folder; <see cref="Dispose"/> removes it and its files.</summary>
public sealed class WorkFolder : IDisposable, IAsyncDisposable
{
    internal WorkFolder(string path) => Path = path;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
