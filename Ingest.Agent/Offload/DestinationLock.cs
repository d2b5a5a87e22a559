using Mam.Integrity.AscMhl;

namespace Ingest.Agent.Offload;

/// <summary>
/// An exclusive lock on one destination card folder (<c>ascmhl/.mam-ingest.lock</c>, opened with
/// FileShare.None, which .NET maps to flock(LOCK_EX) on Linux): a second agent offloading into the
/// same folder at the same time is refused instead of interleaving its writes and MHL generations.
/// The lock dies with the process, so a kill -9 never leaves a stale lock behind.
/// </summary>
public sealed class DestinationLock : IDisposable
{
    public const string FileName = ".mam-ingest.lock";

    private readonly FileStream _stream;

    private DestinationLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <returns>The lock, or null when another process holds it.</returns>
    public static DestinationLock? TryAcquire(string cardFolder)
    {
        var folder = Path.Combine(cardFolder, MhlHistory.FolderName);
        Directory.CreateDirectory(folder);
        try
        {
            var stream = new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write($"{Environment.ProcessId} {Environment.MachineName}\n");
            }

            stream.Flush();
            return new DestinationLock(stream);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
