namespace Ingest.Agent.Offload;

/// <summary>
/// What an offload reports while it runs: the console view (live progress on a terminal, lines
/// otherwise) and the --json event stream sit behind it.
/// </summary>
public interface IOffloadProgress
{
    void CardScanned(int fileCount, long totalBytes);

    void FileStarted(string relativePath, long size);

    void BytesCopied(string relativePath, long bytes);

    /// <summary>Bytes of one file re-read from one destination's device while verifying (<c>--verify full</c>).</summary>
    void BytesVerified(string relativePath, string destinationRoot, long bytes)
    {
    }

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
