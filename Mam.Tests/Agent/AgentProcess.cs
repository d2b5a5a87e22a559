using System.Diagnostics;
using System.Text;

namespace Mam.Tests.Agent;

/// <summary>
/// The agent as a real child process, for kill -9 and card-pull tests, a working directory of its
/// own, or the published single-file build: the built ingest-agent.dll under `dotnet` by default.
/// </summary>
public sealed class AgentProcess : IDisposable
{
    private static readonly TimeSpan LongestRun = TimeSpan.FromMinutes(5);
    private readonly StringBuilder _output = new();

    private AgentProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

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

    public static AgentProcess Start(params string[] args) => Start(BuiltAgent(), args);

    /// <summary>`dotnet ingest-agent.dll`, the build beside the tests.</summary>
    public static ProcessStartInfo BuiltAgent()
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "ingest-agent.dll"));
        return start;
    }

    /// <summary>Starts <paramref name="start"/> (its program, leading arguments, directory, environment) with <paramref name="args"/> added.</summary>
    public static AgentProcess Start(ProcessStartInfo start, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var agent = new AgentProcess(Process.Start(start)!);
        agent.Process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        agent.Process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        agent.Process.BeginOutputReadLine();
        agent.Process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>Runs to the end and returns what it printed; a run that hangs is killed and fails the test.</summary>
    public static async Task<AgentResult> RunAsync(ProcessStartInfo start, params string[] args)
    {
        using var agent = Start(start, args);
        using var timeout = new CancellationTokenSource(LongestRun);
        try
        {
            await agent.Process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the agent did not finish within {LongestRun}:\n{agent.Output}");
        }

        // The exit event can come before the last redirected lines: wait for the streams to close.
        agent.Process.WaitForExit();
        return new AgentResult(agent.Process.ExitCode, agent.Output, string.Empty);
    }

    /// <summary>Files under their final (verified) name directly in a folder.</summary>
    public static int FinalFiles(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Count(f => !Path.GetFileName(f).StartsWith('.')) : 0;

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
        }

        Process.Dispose();
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
