using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ingest.Agent.Verification;

/// <summary>
/// Switches an open file to O_DIRECT: reads and writes go between the device and our own buffers,
/// never through the page cache. A read is then from the device by construction, and neither the
/// copy nor its verification pays the CPU for filling and evicting cached pages (on a busy
/// 2-core machine that, not the disk, was the bottleneck — see bench/README.md). O_DIRECT needs
/// offsets, lengths and buffer addresses aligned to the device's logical block; 4 KiB covers
/// every common device. File systems without O_DIRECT (FUSE, old tmpfs) refuse the switch, and the
/// caller falls back to buffered I/O with fsync + <see cref="PageCache"/>.
/// </summary>
internal static class UnbufferedIo
{
    public const int Alignment = 4096;

    // O_DIRECT differs per architecture in Linux's headers.
    private static readonly int DirectFlag = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x10000 : 0x4000;

    /// <returns>True when the handle now bypasses the page cache.</returns>
    public static bool TryEnable(SafeFileHandle file) => OperatingSystem.IsLinux() && SetDirect(file, on: true);

    /// <summary>Back to buffered I/O, e.g. for a file's last bytes that do not fill an aligned block.</summary>
    public static void Disable(SafeFileHandle file)
    {
        if (OperatingSystem.IsLinux() && !SetDirect(file, on: false))
        {
            throw new IOException($"cannot switch the file back to buffered I/O: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    public static bool IsAligned(long value) => value % Alignment == 0;

    private static bool SetDirect(SafeFileHandle file, bool on)
    {
        var flags = NativeMethods.Fcntl(file, NativeMethods.FGetFl, 0);
        if (flags < 0)
        {
            return false;
        }

        var wanted = on ? flags | DirectFlag : flags & ~DirectFlag;
        return wanted == flags || NativeMethods.Fcntl(file, NativeMethods.FSetFl, wanted) == 0;
    }
}
