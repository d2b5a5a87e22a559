using System.Diagnostics;
using System.Text;

namespace Mam.Tests.Agent;

/// <summary>The built agent (ingest-agent.dll) as a real child process, for kill -9 and card-pull tests.</summary>
public sealed class AgentProcess : IDisposable
{
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

    public static AgentProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "ingest-agent.dll"));
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
