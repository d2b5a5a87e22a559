using System.Diagnostics;
using System.Globalization;

namespace Mam.Hosting;

/// <summary>A process as it can be recognised later: host, pid and when it started. The start time tells a
/// process apart from a later one that was given the same pid after a crash or reboot, so nothing of a live
/// process is ever taken for a leftover of a dead one.</summary>
public readonly record struct ProcessIdentity(string Host, int Pid, long Started)
{
    /// <summary>This process.</summary>
    public static ProcessIdentity Current { get; } =
        new(Environment.MachineName, Environment.ProcessId, StartOf(Environment.ProcessId) ?? 0);

    /// <summary>Yes or no for a process of this host; null for another host's (it cannot be checked from here).</summary>
    public bool? IsAlive => Host == Environment.MachineName ? Started != 0 && StartOf(Pid) == Started : null;

    /// <summary>When the process with this pid started, in the system's own unit (clock ticks since boot on
    /// Linux, from /proc/{pid}/stat field 22), or null when no such process runs.</summary>
    public static long? StartOf(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return long.Parse(fields[19], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                return null;
            }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>One line: pid, start and host (last, as it is the only part that could hold a space).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pid} {Started} {Host}");

    public static bool TryParse(string? text, out ProcessIdentity identity)
    {
        identity = default;
        var parts = text?.Trim().Split(' ', 3);
        if (parts is not { Length: 3 } ||
            !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var started))
        {
            return false;
        }
        identity = new ProcessIdentity(parts[2], pid, started);
        return true;
    }
}
