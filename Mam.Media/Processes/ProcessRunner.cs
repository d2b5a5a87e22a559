using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Mam.Media.Processes;

/// <summary>The one place that starts external tools (ffmpeg, pocketsphinx). Arguments go through
/// <see cref="ProcessStartInfo.ArgumentList"/> so file names with spaces, quotes or unicode reach the
/// tool unchanged; no shell is involved. Every tool dies with this process (<see cref="ProcessLauncher"/>)
/// and, given <paramref name="children"/>, is recorded so a later start can stop what a killed worker left.</summary>
public sealed partial class ProcessRunner(ILogger<ProcessRunner> logger, ChildProcesses? children = null)
{
    private const int StandardErrorTailLines = 20;

    /// <summary>Runs the tool without a time limit (the token still stops it).</summary>
    public Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Runs the tool to completion and returns its output.</summary>
    /// <exception cref="ExternalProcessException">The tool is missing, exited non-zero or exceeded <paramref name="timeout"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the tool and its children were killed.</exception>
    public Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, timeout, null, cancellationToken);

    /// <summary>As <see cref="RunAsync(string, IReadOnlyList{string}, TimeSpan, CancellationToken)"/>, and hands
    /// every stderr line to <paramref name="standardErrorLine"/> as it arrives: ffmpeg's measuring filters
    /// (blackdetect, silencedetect, ebur128) report there, and only the tail is kept otherwise.</summary>
    public Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, Action<string>? standardErrorLine, CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, timeout, standardErrorLine, null, cancellationToken);

    /// <summary>As above, with variables added to the tool's environment (e.g. OMP_THREAD_LIMIT for tesseract).</summary>
    public async Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, Action<string>? standardErrorLine,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        cancellationToken.ThrowIfCancellationRequested();

        var toolName = Path.GetFileName(fileName);
        var startInfo = new ProcessStartInfo(ProcessLauncher.Resolve(fileName) ?? throw NotFound(toolName, fileName, null))
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        var record = Start(process, toolName, fileName);
        try
        {
            return await WaitAsync(process, toolName, timeout, standardErrorLine, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ChildProcesses.Forget(record);
        }
    }

    private async Task<ProcessResult> WaitAsync(
        Process process, string toolName, TimeSpan timeout, Action<string>? standardErrorLine, CancellationToken cancellationToken)
    {
        // No tool we run reads stdin; closing it makes a tool that asks a question fail instead of hang.
        process.StandardInput.Close();

        // Both pipes are drained at once: a tool that fills one pipe while we wait on the other blocks forever.
        var stdoutTask = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderrTask = ReadTailAsync(process.StandardError, standardErrorLine);

        using var timeoutSource = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process, toolName);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(stdoutTask, stderrTask).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var lastOutput = await stderrTask.ConfigureAwait(false);
            throw new ExternalProcessException(toolName, null, string.Create(CultureInfo.InvariantCulture,
                $"{toolName} did not finish within {timeout} and was stopped. Last output:{Environment.NewLine}{lastOutput}"));
        }

        var stdout = await stdoutTask.ConfigureAwait(false);
        var stderrTail = await stderrTask.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new ExternalProcessException(toolName, process.ExitCode, string.Create(CultureInfo.InvariantCulture,
                $"{toolName} failed with exit code {process.ExitCode}:{Environment.NewLine}{stderrTail}"))
            {
                StandardOutput = stdout,
            };
        }

        return new ProcessResult(process.ExitCode, stdout, stderrTail);
    }

    private static async Task<string> ReadTailAsync(StreamReader reader, Action<string>? eachLine)
    {
        var tail = new Queue<string>(StandardErrorTailLines);
        while (await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            eachLine?.Invoke(line);
            if (line.Length == 0)
            {
                continue;
            }

            if (tail.Count == StandardErrorTailLines)
            {
                tail.Dequeue();
            }

            tail.Enqueue(line);
        }

        return string.Join(Environment.NewLine, tail);
    }

    private void KillTree(Process process, string toolName)
    {
        try
        {
            // ffmpeg may start helpers; killing only the parent would leave them writing files.
            process.Kill(entireProcessTree: true);
            logger.LogInformation("Stopped {Tool} (pid {Pid})", toolName, process.Id);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own between the cancel and the kill.
        }
    }

    /// <summary>Starts the tool tied to this process's life and records it; returns the record to forget at exit.</summary>
    private string? Start(Process process, string toolName, string fileName)
    {
        try
        {
            ProcessLauncher.Start(process);
        }
        catch (Win32Exception ex)
        {
            throw NotFound(toolName, fileName, ex);
        }
        logger.LogDebug("Started {Tool} (pid {Pid}) with {Arguments}", toolName, process.Id, process.StartInfo.ArgumentList);
        return children?.Record(process, toolName);
    }

    private static ExternalProcessException NotFound(string toolName, string fileName, Exception? inner) =>
        new(toolName, null, $"{toolName} not found at {fileName}: install it with apt-get install {PackageFor(toolName)}", inner);

    private static string PackageFor(string toolName) => toolName switch
    {
        "ffmpeg" or "ffprobe" => "ffmpeg",
        "pocketsphinx_continuous" => "pocketsphinx pocketsphinx-en-us",
        "text2wave" or "festival" => "festival festvox-us-slt-hts",
        "tesseract" => "tesseract-ocr tesseract-ocr-eng",
        "node" or "nodejs" => "nodejs npm",
        _ => toolName,
    };
}
