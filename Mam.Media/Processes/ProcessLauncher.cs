using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mam.Media.Processes;

/// <summary>Starts tools so that they die with this process, even when it is killed with SIGKILL and no
/// code of ours runs. On Linux the tool is started as `setpriv --pdeathsig KILL -- tool args` (util-linux),
/// which asks the kernel to kill it when its parent dies (prctl PR_SET_PDEATHSIG, kept across exec).
/// The kernel's "parent" is the *thread* that forked, and .NET forks on the thread calling Process.Start —
/// a thread-pool thread that may retire while the tool still runs, which would kill a healthy tool. So every
/// start happens on one dedicated thread that lives as long as the process.</summary>
internal static class ProcessLauncher
{
    private static readonly string? Setpriv = FindSetpriv();
    private static readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = [];
    private static readonly Lazy<Thread> Spawner = new(() =>
    {
        var thread = new Thread(Spawn) { IsBackground = true, Name = "mam tool launcher" };
        thread.Start();
        return thread;
    });

    /// <summary>True when children are tied to this process's life (Linux with setpriv).</summary>
    public static bool ChildrenDieWithParent => Setpriv is not null;

    /// <summary>The tool's full path: as given when rooted, else the first match on PATH; null when missing.</summary>
    public static string? Resolve(string fileName)
    {
        if (Path.IsPathRooted(fileName))
        {
            return File.Exists(fileName) ? fileName : null;
        }
        if (fileName.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(fileName) ? Path.GetFullPath(fileName) : null;
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Starts <paramref name="process"/> (its StartInfo names the resolved tool); throws what
    /// <see cref="Process.Start()"/> throws.</summary>
    public static void Start(Process process)
    {
        // Read here, on the caller's flow: the spawner thread below does not see its async-local scope.
        if (ProcessPriority.IsLowered && Nice is not null)
        {
            var niced = process.StartInfo;
            niced.ArgumentList.Insert(0, niced.FileName);
            niced.ArgumentList.Insert(0, ProcessPriority.LoweredNiceness.ToString(System.Globalization.CultureInfo.InvariantCulture));
            niced.ArgumentList.Insert(0, "-n");
            niced.FileName = Nice;
        }
        if (Setpriv is null)
        {
            process.Start();
            return;
        }
        var info = process.StartInfo;
        var tool = info.FileName;
        info.FileName = Setpriv;
        info.ArgumentList.Insert(0, tool);
        info.ArgumentList.Insert(0, "--");
        info.ArgumentList.Insert(0, "KILL");
        info.ArgumentList.Insert(0, "--pdeathsig");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Spawner.Value;
        Requests.Add((process, started));
        started.Task.GetAwaiter().GetResult();
    }

    private static void Spawn()
    {
        foreach (var (process, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }

    /// <summary>coreutils' nice (Linux, macOS); it execs the tool, so the pid, the death signal and the
    /// child record stay the tool's.</summary>
    private static readonly string? Nice = OperatingSystem.IsWindows() ? null
        : File.Exists("/usr/bin/nice") ? "/usr/bin/nice"
        : File.Exists("/bin/nice") ? "/bin/nice"
        : null;

    private static string? FindSetpriv() =>
        !OperatingSystem.IsLinux() ? null
        : File.Exists("/usr/bin/setpriv") ? "/usr/bin/setpriv"
        : File.Exists("/bin/setpriv") ? "/bin/setpriv"
        : null;
}
