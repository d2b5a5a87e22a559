using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ingest.Agent.Verification;

/// <summary>The libc calls verification and unbuffered copying need (glibc, Linux).</summary>
internal static class NativeMethods
{
    internal const int FGetFl = 3;
    internal const int FSetFl = 4;

    [DllImport("libc", EntryPoint = "posix_fadvise", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);

    [DllImport("libc", EntryPoint = "fsync", ExactSpelling = true, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Fsync(SafeFileHandle fd);

    /// <summary>fcntl with an int argument (F_GETFL ignores it, F_SETFL takes the new status flags).</summary>
    [DllImport("libc", EntryPoint = "fcntl", ExactSpelling = true, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Fcntl(SafeFileHandle fd, int command, int argument);
}
