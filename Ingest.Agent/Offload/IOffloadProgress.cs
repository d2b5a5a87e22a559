namespace Ingest.Agent.Offload;

/// <summary>
/// What an offload reports while it runs. The console prints one line per file today; the
/// DIT-grade agent puts a live progress view (bytes, throughput, ETA per destination) behind it.
/// </summary>
public interface IOffloadProgress
{
    void CardScanned(int fileCount, long totalBytes);

    void FileStarted(string relativePath, long size);

    void BytesCopied(string relativePath, long bytes);

    void FileFinished(OffloadedFile file);

    void Uploading(string relativePath, long size);
}

public sealed class SilentOffloadProgress : IOffloadProgress
{
    public static SilentOffloadProgress Instance { get; } = new();

    public void CardScanned(int fileCount, long totalBytes)
    {
    }

    public void FileStarted(string relativePath, long size)
    {
    }

    public void BytesCopied(string relativePath, long bytes)
    {
    }

    public void FileFinished(OffloadedFile file)
    {
    }

    public void Uploading(string relativePath, long size)
    {
    }
}
