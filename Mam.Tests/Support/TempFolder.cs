namespace Mam.Tests.Support;

/// <summary>A test's own scratch folder under the system temp dir, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string? label = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mam-tests", $"{label ?? "t"}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A child process of the test may still hold a file; the OS temp cleaner gets it.
        }
    }
}
