using System.Text.Json;
using Ingest.Agent.Offload;

namespace Ingest.Agent.Progress;

/// <summary>
/// <c>--json</c>: one JSON object per line on stdout ({"event":"file",…}), ending with the summary
/// event that carries the whole report. Byte counts are aggregated per file, not per chunk.
/// </summary>
public sealed class JsonProgress : IOffloadProgress
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public JsonProgress(TextWriter output)
    {
        _output = output;
    }

    public void Write(string eventName, object payload)
    {
        var line = JsonSerializer.Serialize(new { @event = eventName, data = payload }, Json);
        lock (_gate)
        {
            _output.WriteLine(line);
        }
    }

    public void CardScanned(int fileCount, long totalBytes) => Write("scanned", new { files = fileCount, bytes = totalBytes });

    public void FileStarted(string relativePath, long size) => Write("started", new { path = relativePath, size });

    public void BytesCopied(string relativePath, long bytes)
    {
    }

    public void FileFinished(OffloadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Write("file", new
        {
            path = file.RelativePath,
            size = file.Size,
            hashes = file.Hashes,
            verified = file.VerifiedEverywhere,
            resumed = file.Resumed,
            error = file.SourceError,
            copies = file.Destinations.Select(d => new { destination = d.DestinationRoot, verified = d.Verified, error = d.Error }),
        });
    }

    public void Uploading(string relativePath, long size) => Write("uploading", new { path = relativePath, size });
}
