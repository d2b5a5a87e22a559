using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Mam.Media.Processes;

public sealed partial class ProcessRunner
{
    /// <summary>Starts a tool that stays up and answers one line of text per request line (a model
    /// server that loads its weights once and then serves many frames). The caller owns the returned
    /// process; disposing it ends the tool and its children.</summary>
    /// <param name="environment">Variables added to the tool's environment (nothing else changes).</param>
    /// <exception cref="ExternalProcessException">The executable is missing or cannot be started.</exception>
    public LineProcess StartLineProcess(
        string fileName, IReadOnlyList<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(arguments);

        var toolName = Path.GetFileName(fileName);
        var startInfo = new ProcessStartInfo(ProcessLauncher.Resolve(fileName) ?? throw NotFound(toolName, fileName, null))
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        string? record;
        try
        {
            record = Start(process, toolName, fileName);
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return new LineProcess(process, toolName, StandardErrorTailLines, p => KillTree(p, toolName), record);
    }
}

/// <summary>A running tool spoken to in lines: one request line on stdin, one answer line on stdout.
/// Not thread-safe: one conversation at a time (the caller serialises requests).</summary>
public sealed class LineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Action<Process> _kill;
    private readonly Queue<string> _stderrTail = new();
    private readonly int _tailLines;
    private readonly Task _stderrPump;
    private bool _disposed;

    private readonly string? _record;

    internal LineProcess(Process process, string toolName, int tailLines, Action<Process> kill, string? record)
    {
        _record = record;
        _process = process;
        _kill = kill;
        _tailLines = tailLines;
        ToolName = toolName;
        _stderrPump = PumpStandardErrorAsync();
    }

    public string ToolName { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the tool wrote to stderr (its logs explain why it stopped).</summary>
    public string StandardErrorTail
    {
        get
        {
            lock (_stderrTail)
            {
                return string.Join(Environment.NewLine, _stderrTail);
            }
        }
    }

    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw Stopped("stopped while a request was sent", ex);
        }
    }

    /// <summary>The next line the tool writes to stdout.</summary>
    /// <exception cref="ExternalProcessException">The tool closed stdout (it exited) or gave no line within
    /// <paramref name="timeout"/>; in the second case it is stopped, since a late answer would be taken
    /// for the answer to the next request.</exception>
    public async Task<string> ReadLineAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _kill(_process);
            throw new ExternalProcessException(ToolName, null,
                $"{ToolName} gave no answer within {timeout} and was stopped. Last output:{Environment.NewLine}{StandardErrorTail}");
        }
        catch (OperationCanceledException)
        {
            // The conversation is out of step now: whatever the tool answers next belongs to this request.
            _kill(_process);
            throw;
        }

        return line ?? throw Stopped("closed its output", null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            // Closing stdin is the polite "no more requests"; a tool that ignores it is stopped.
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            _kill(_process);
        }
        await _stderrPump.ConfigureAwait(false);
        ChildProcesses.Forget(_record);
        _process.Dispose();
    }

    private ExternalProcessException Stopped(string what, Exception? inner)
    {
        int? exitCode = null;
        if (_process.WaitForExit(TimeSpan.FromSeconds(2)))
        {
            exitCode = _process.ExitCode;
        }
        return new ExternalProcessException(ToolName, exitCode,
            $"{ToolName} {what}{(exitCode is { } c ? $" (exit code {c})" : "")}. Last output:{Environment.NewLine}{StandardErrorTail}", inner);
    }

    private async Task PumpStandardErrorAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                lock (_stderrTail)
                {
                    if (_stderrTail.Count == _tailLines)
                    {
                        _stderrTail.Dequeue();
                    }
                    _stderrTail.Enqueue(line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process went away under the reader; the tail keeps what arrived.
        }
    }
}
