using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ingest.Agent.Verification;

/// <summary>The two libc calls verification needs (glibc, Linux).</summary>
internal static class NativeMethods
{
    [DllImport("libc", EntryPoint = "posix_fadvise", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int PosixFadvise(SafeFileHandle fd, long offset, long length, int advice);

    [DllImport("libc", EntryPoint = "fsync", ExactSpelling = true, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static extern int Fsync(SafeFileHandle fd);
}
