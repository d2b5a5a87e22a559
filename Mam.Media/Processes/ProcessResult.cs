namespace Mam.Media.Processes;

/// <summary>What an external tool left behind: its exit code, everything it wrote to stdout, and the
/// last lines of stderr (ffmpeg writes megabytes of progress there; only the tail explains a failure).</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardErrorTail);

/// <summary>An external tool (ffmpeg, pocketsphinx...) failed, could not be started or ran too long.</summary>
public sealed class ExternalProcessException : Exception
{
    public ExternalProcessException(string toolName, int? exitCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ToolName = toolName;
        ExitCode = exitCode;
    }

    public string ToolName { get; }

    /// <summary>Null when the tool never ran to an exit (missing executable, killed on timeout).</summary>
    public int? ExitCode { get; }

    /// <summary>What the tool wrote to stdout before it failed: ffprobe with <c>-show_error</c> puts its
    /// reason there as JSON and exits 1.</summary>
    public string StandardOutput { get; init; } = "";
}
