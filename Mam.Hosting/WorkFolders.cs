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

    /// <summary>A new empty folder named after what it is for ("proxy", "transcribe"…), deleted with
    /// everything in it when disposed.</summary>
    public WorkFolder Create(string purpose)
    {
        var path = Path.Combine(Root, $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return new WorkFolder(path);
    }
}

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
