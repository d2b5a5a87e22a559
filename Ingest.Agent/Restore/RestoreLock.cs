using System.Globalization;

namespace Ingest.Agent.Restore;

/// <summary>
/// An exclusive lock on restoring one card into one folder: <c>DEST/.mam-restore-{card}.lock</c>, beside
/// the card folder rather than in it (nothing of ours is left inside a restored card), opened with
/// FileShare.None (flock on Linux and macOS) and deleted when the restore ends. A second restore of the
/// same card to the same place is refused while the first runs; the lock dies with its process.
/// </summary>
internal sealed class RestoreLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _path;

    private RestoreLock(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    public static string PathFor(string destination, string card) => Path.Combine(destination, $".mam-restore-{card}.lock");

    /// <returns>The lock, or null when another process holds it (the file names its pid and host, for `cat`).</returns>
    public static RestoreLock? TryAcquire(string destination, string card)
    {
        Directory.CreateDirectory(destination);
        var path = PathFor(destination, card);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                return null;
            }

            // The restore that held it deletes the file before it lets go: one we opened just before that
            // is gone from the folder, and a lock on it would guard nothing. Open the one there now instead.
            if (!File.Exists(path))
            {
                stream.Dispose();
                continue;
            }
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on {Environment.MachineName}\n"));
            }
            stream.Flush();
            return new RestoreLock(stream, path);
        }
        return null;
    }

    public void Dispose()
    {
        // Deleted while still held, so nobody takes a lock on a file about to disappear.
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // A lock file left behind holds nothing once its process has closed it.
        }
        _stream.Dispose();
    }
}
