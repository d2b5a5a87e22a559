using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ingest.Agent.Offload;

namespace Ingest.Agent.Progress;

/// <summary>
/// <c>--json</c>: one JSON object per line on stdout ({"event":"file","data":{…}}), ending with the
/// summary event that carries the whole report. Byte counts are aggregated per file, not per chunk.
/// </summary>
public sealed class JsonProgress : IOffloadProgress
{
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public JsonProgress(TextWriter output)
    {
        _output = output;
    }

    public void Summary(OffloadReport report) => Write("summary", OffloadReportDocument.From(report), AgentJson.Default.OffloadReportDocument);

    public void CardScanned(int fileCount, long totalBytes) => Write("scanned", new ScannedEvent(fileCount, totalBytes), AgentJson.Default.ScannedEvent);

    public void FileStarted(string relativePath, long size) => Write("started", new FileEvent(relativePath, size), AgentJson.Default.FileEvent);

    public void BytesCopied(string relativePath, long bytes)
    {
    }

    public void FileFinished(OffloadedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Write(
            "file",
            new FileFinishedEvent(file.RelativePath, file.Size, file.Hashes, file.VerifiedEverywhere, file.Resumed, file.SourceError ?? file.HistoryMismatch, CopyDocument.Of(file)),
            AgentJson.Default.FileFinishedEvent);
    }

    public void Uploading(string relativePath, long size) => Write("uploading", new FileEvent(relativePath, size), AgentJson.Default.FileEvent);

    private void Write<T>(string eventName, T payload, JsonTypeInfo<T> type)
    {
        var line = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(line))
        {
            writer.WriteStartObject();
            writer.WriteString("event", eventName);
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, payload, type);
            writer.WriteEndObject();
        }

        lock (_gate)
        {
            _output.WriteLine(Encoding.UTF8.GetString(line.WrittenSpan));
        }
    }
}

public sealed record ScannedEvent(int Files, long Bytes);

/// <summary>A file started (copying or uploading).</summary>
public sealed record FileEvent(string Path, long Size);

public sealed record FileFinishedEvent(
    string Path,
    long Size,
    IReadOnlyDictionary<string, string> Hashes,
    bool Verified,
    bool Resumed,
    string? Error,
    IReadOnlyList<CopyDocument> Copies);
