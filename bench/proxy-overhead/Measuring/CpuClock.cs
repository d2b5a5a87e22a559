using System.Globalization;

namespace Mam.Bench.ProxyOverhead.Measuring;

/// <summary>CPU seconds used by this process and by the children it has waited for (ffmpeg), from
/// /proc/self/stat (utime, stime, cutime, cstime; proc(5)). CPU time is far less disturbed than wall
/// time by the other work on a shared machine.</summary>
public static class CpuClock
{
    /// <summary>Linux's USER_HZ: /proc reports times in 1/100 s on every architecture it runs on here.</summary>
    private const double TicksPerSecond = 100;

    public static (double Self, double Children) Now()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) may hold spaces and parentheses; fields are counted after its ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
        return (Field(14) + Field(15), Field(16) + Field(17));
    }
}
