using Ingest.Agent.Commands;
using Ingest.Agent.Offload;

namespace Ingest.Agent.Progress;

/// <summary>One line per file: for logs, pipes and terminals-less runs (the default off a terminal).</summary>
public sealed class LineProgress : IOffloadProgress
{
    private readonly TextWriter _output;

    public LineProgress(TextWriter output)
    {
        // Files upload side by side: their lines must not interleave inside one another.
        _output = TextWriter.Synchronized(output);
    }

    public void CardScanned(int fileCount, long totalBytes) =>
        _output.WriteLine($"Found {fileCount} files ({Bytes.Format(totalBytes)}).");

    public void FileStarted(string relativePath, long size)
    {
    }

    public void BytesCopied(string relativePath, long bytes)
    {
    }

    public void FileFinished(OffloadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var verified = file.Destinations.Count(d => d.Verified);
        _output.WriteLine(file.VerifiedEverywhere
            ? $"  {(file.Resumed ? "kept    " : "verified")}   {file.RelativePath}"
            : file.HistoryMismatch is not null
                ? $"  FAILED     {file.RelativePath}: {file.HistoryMismatch}"
                : $"  FAILED     {file.RelativePath} (verified on {verified} of {file.Destinations.Count} destinations)");
    }

    public void Uploading(string relativePath, long size) =>
        _output.WriteLine($"  uploading  {relativePath} ({Bytes.Format(size)})");
}
