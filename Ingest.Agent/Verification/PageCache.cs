using Microsoft.Win32.SafeHandles;

namespace Ingest.Agent.Verification;

/// <summary>
/// Drops a file's pages from the Linux page cache (posix_fadvise POSIX_FADV_DONTNEED), so the next
/// read comes from the device. Only clean pages are dropped: callers fsync first. Without it a
/// "verification" right after writing would just read back the memory it wrote from.
/// </summary>
internal static class PageCache
{
    private const int PosixFadvDontNeed = 4;

    public static void Drop(SafeFileHandle file)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Advisory: a failure (e.g. a FUSE file system ignoring it) leaves a cached read, not a wrong one.
        _ = NativeMethods.PosixFadvise(file, 0, 0, PosixFadvDontNeed);
    }

    /// <summary>
    /// fsync, then drop: the copy's bytes are on the device and no longer in memory. The runtime's
    /// flush is fsync on Linux, F_FULLFSYNC on macOS (where plain fsync may leave the bytes in the
    /// drive's own cache) and FlushFileBuffers on Windows; it throws IOException when the device fails.
    /// </summary>
    public static void FlushAndDrop(SafeFileHandle file)
    {
        RandomAccess.FlushToDisk(file);
        Drop(file);
    }
}
