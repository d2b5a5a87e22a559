using System.Diagnostics;
using System.Text;

namespace Mam.Tests.Support;

/// <summary>Mam.Workers (or, with <paramref name="project"/> "Mam.Api", the API) as a real separate
/// process (the distributed deployment), configured through environment variables exactly as an
/// operator would, its console output kept.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <param name="workingDirectory">Where it is started from; its own folder unless given.</param>
    public WorkerProcess(IReadOnlyDictionary<string, string> settings, string project = "Mam.Workers", string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var dll = DllOf(project);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        start.Environment["Logging__LogLevel__Default"] = "Information";
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The built program of <paramref name="project"/> (Release when the tests are).</summary>
    public static string DllOf(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(TestMedia.FindRepoRoot(), project, "bin", configuration, "net10.0", project + ".dll");
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>True when the process ended within <paramref name="timeout"/> (its output fully read).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            return false;
        }
        _process.WaitForExit();
        return true;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, no chance to tidy up — a crashed or OOM-killed worker.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGKILL to the worker alone, as the OOM killer or `kill -9 PID` does: its tools get no signal
    /// from us, so whether they die with it is up to the worker.</summary>
    public void KillAlone()
    {
        using (var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd or `docker stop` would send: the host shuts down gracefully.</summary>
    public async Task StopGracefullyAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var waited = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(waited.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
