using Mam.Integrity.AscMhl;

namespace Ingest.Agent.Offload;

/// <summary>
/// An exclusive lock on one destination card folder (<c>ascmhl/.mam-ingest.lock</c>, opened with
/// FileShare.None, which .NET maps to flock(LOCK_EX) on Linux and macOS and to a share mode on
/// Windows): a second agent offloading into the same folder at the same time is refused instead of
/// interleaving its writes and MHL generations. The lock dies with the process, so a kill -9 never
/// leaves a stale lock behind. The file goes when the run ends, removed while still locked (on
/// Windows by DeleteOnClose), so a finished card folder holds nothing of ours but its history.
/// An agent that opened the file just before it went notices and takes a fresh one. Left open:
/// three agents on one folder within the same instant, where the third could create a new file
/// between the second's open and lock (closing that needs the file's inode, which .NET does not show).
/// </summary>
public sealed class DestinationLock : IDisposable
{
    public const string FileName = ".mam-ingest.lock";

    /// <summary>Attempts when the file is removed under us by an agent finishing at that moment.</summary>
    private const int Attempts = 3;

    private readonly FileStream _stream;
    private readonly string _path;

    private DestinationLock(FileStream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <returns>The lock, or null when another process holds it.</returns>
    public static DestinationLock? TryAcquire(string cardFolder)
    {
        var folder = Path.Combine(cardFolder, MhlHistory.FolderName);
        var path = Path.Combine(folder, FileName);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            FileStream stream;
            try
            {
                Directory.CreateDirectory(folder);
                // On Windows nobody can open the file while it is held, so removing it on close is safe
                // and the only way (a file open without FileShare.Delete cannot be deleted).
                var options = OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None;
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, options);
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or FileNotFoundException)
            {
                // The agent that held it removed its empty ascmhl/ between our two steps: try again.
                continue;
            }
            catch (IOException)
            {
                return null;
            }

            if (!File.Exists(path))
            {
                // We opened the file just before the agent holding it removed it on finishing, and
                // then got its lock: a lock on a file nobody else can open any more. Take a new one.
                stream.Dispose();
                continue;
            }

            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write($"{Environment.ProcessId} {Environment.MachineName}\n");
            }

            stream.Flush();
            return new DestinationLock(stream, path);
        }

        return null;
    }

    /// <summary>Releases the lock, removes its file, and the ascmhl/ folder too if the run left nothing else in it.</summary>
    public void Dispose()
    {
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                // Unlinked while still locked: whoever opens the name next gets a new file, never this one.
                File.Delete(_path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind it is harmless: the next run locks it again.
        }

        _stream.Dispose();
        try
        {
            var folder = Path.GetDirectoryName(_path)!;
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another agent is taking the lock right now, or the folder cannot be changed: it may stay.
        }
    }
}
