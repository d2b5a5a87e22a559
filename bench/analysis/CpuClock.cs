using System.Globalization;
using System.Runtime.InteropServices;

namespace Mam.Bench.Analysis;

/// <summary>CPU seconds used by the tools a phase ran: the finished children (ffmpeg, tesseract) from
/// getrusage(RUSAGE_CHILDREN), plus a still-running child (the Node vision sidecar) from /proc.</summary>
internal static partial class CpuClock
{
    private const int RusageChildren = -1;

    /// <summary>Linux's USER_HZ: /proc reports CPU time in these ticks.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>struct rusage on 64-bit Linux is 18 longs; the first four are ru_utime and ru_stime.</summary>
    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, [Out] long[] usage);

    /// <summary>User + system seconds of every child process this program has waited for so far.</summary>
    public static double FinishedChildren()
    {
        var usage = new long[18];
        return GetRusage(RusageChildren, usage) != 0
            ? double.NaN
            : usage[0] + (usage[1] / 1e6) + usage[2] + (usage[3] / 1e6);
    }

    /// <summary>User + system seconds of a running process (fields 14 and 15 of /proc/PID/stat).</summary>
    public static double Running(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond;
    }
}
