using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ingest.Agent.Verification;

/// <summary>
/// The libc calls unbuffered copying and verification need on Linux (glibc). They are called only
/// when <see cref="OperatingSystem.IsLinux"/>: on macOS and Windows the agent reads and writes
/// through the cache and flushes with the runtime's own call, so it makes no native call there.
/// </summary>
internal static class NativeMethods
{
    internal const int FGetFl = 3;
    internal const int FSetFl = 4;

    [DllImport("libc", EntryPoint = "posix_fadvise", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);

    /// <summary>fcntl with an int argument (F_GETFL ignores it, F_SETFL takes the new status flags).</summary>
    [DllImport("libc", EntryPoint = "fcntl", ExactSpelling = true, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Fcntl(SafeFileHandle fd, int command, int argument);
}
