using System.Diagnostics;
using System.Globalization;
using Mam.Hosting;
using Microsoft.Extensions.Logging;

namespace Mam.Media.Processes;

/// <summary>A record on disk of every tool this process is running (one file per child under
/// {work}/.children: the child's pid and start time, and its owner's), so a later start can stop what a
/// killed worker left running. On Linux children also die with their worker (see <see cref="ProcessLauncher"/>);
/// this record covers the rest: a platform without that, or a tool started just before the kill.</summary>
public sealed class ChildProcesses(WorkFolders work, ILogger<ChildProcesses> logger)
{
    private readonly string _folder = Path.Combine(work.Root, ".children");

    /// <summary>Where the records are, for an operator (and tests) to look.</summary>
    public string Folder => _folder;

    /// <summary>Notes a child that has just started; returns the record to remove when it exits.</summary>
    public string? Record(Process process, string toolName)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            var child = new ProcessIdentity(Environment.MachineName, process.Id, ProcessIdentity.StartOf(process.Id) ?? 0);
            Directory.CreateDirectory(_folder);
            var path = Path.Combine(_folder, string.Create(CultureInfo.InvariantCulture, $"{process.Id}.child"));
            File.WriteAllLines(path, [child.ToString(), ProcessIdentity.Current.ToString(), toolName]);
            return path;
        }
        catch (IOException ex)
        {
            // The tool still runs; only the leftover check at the next start will not know it.
            logger.LogWarning("Could not record {Tool} (pid {Pid}) under {Folder}: {Error}", toolName, process.Id, _folder, ex.Message);
            return null;
        }
    }

    public static void Forget(string? record)
    {
        if (record is null)
        {
            return;
        }
        try
        {
            File.Delete(record);
        }
        catch (IOException)
        {
            // Left behind: the next start sees its owner or child is gone and removes it.
        }
    }

    /// <summary>Kills every recorded child whose owner is no longer running and that is still the same process
    /// (same pid and start time), and removes records of processes that are gone. Children of a live owner
    /// (another host sharing this data directory) are left alone. Returns how many were killed.</summary>
    public int KillLeftovers()
    {
        if (!Directory.Exists(_folder))
        {
            return 0;
        }
        var killed = 0;
        foreach (var path in Directory.EnumerateFiles(_folder, "*.child"))
        {
            try
            {
                var lines = File.ReadAllLines(path);
                if (lines.Length < 2 || !ProcessIdentity.TryParse(lines[0], out var child) || !ProcessIdentity.TryParse(lines[1], out var owner))
                {
                    File.Delete(path);
                    continue;
                }
                if (owner.IsAlive != false)
                {
                    continue;
                }
                if (child.IsAlive == true)
                {
                    using var leftover = Process.GetProcessById(child.Pid);
                    leftover.Kill(entireProcessTree: true);
                    killed++;
                    logger.LogWarning("Stopped {Tool} (pid {Pid}) left running by a worker that was killed (pid {Owner})",
                        lines.Length > 2 ? lines[2] : "a tool", child.Pid, owner.Pid);
                }
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Exited meanwhile, or not ours to stop: the next start looks again.
                logger.LogDebug("Leftover record {Record}: {Error}", path, ex.Message);
            }
        }
        return killed;
    }
}
