using System.Text;
using Mam.Core.Integrity;

namespace Ingest.Agent.Offload;

/// <summary>
/// One destination drive: the card is written to <c>{root}/{card}/…</c> 1:1. Each file goes to a
/// hidden temp name first and only gets its real name once a re-read of the copy matches the source
/// hash, so a file that exists under its final name has always been verified.
/// </summary>
public sealed class DestinationWriter
{
    private const int MaxFileNameBytes = 255;

    public DestinationWriter(string root, string cardName)
    {
        Root = root;
        CardFolder = Path.Combine(root, cardName);
    }

    public string Root { get; }

    public string CardFolder { get; }

    /// <summary>Set when the destination as a whole is unusable; every file then fails with it.</summary>
    public string? Error { get; private set; }

    public bool IsUsable => Error is null;

    /// <summary>Creates the card folder; a destination that cannot take it is failed, others go on.</summary>
    public void Prepare(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Directory.CreateDirectory(CardFolder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Error = $"cannot create {CardFolder}: {ex.Message}";
        }
    }

    public string FinalPath(string relativePath) => Path.Combine(CardFolder, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Opens the temp file for one card file, or returns a failed result.</summary>
    public (CopyTarget? Target, DestinationFileResult? Failure) Begin(string relativePath, long expectedSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var final = FinalPath(relativePath);
        if (Error is not null)
        {
            return (null, new DestinationFileResult(Root, final, false, Error));
        }

        var temp = TempPathFor(final);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 0,
                Options = FileOptions.Asynchronous,
                // Reserving the space up front makes a full drive fail at the start, not mid-file.
                PreallocationSize = expectedSize,
            });
            return (new CopyTarget(this, final, temp, stream), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            CopyTarget.DeleteQuietly(temp);
            return (null, new DestinationFileResult(Root, final, false, ex.Message));
        }
    }

    /// <summary>.{name}.mamtmp beside the final file; hashed when that would exceed a file name's limit.</summary>
    private static string TempPathFor(string finalPath)
    {
        var name = Path.GetFileName(finalPath);
        var temp = "." + name + ".mamtmp";
        if (Encoding.UTF8.GetByteCount(temp) > MaxFileNameBytes)
        {
            temp = "." + Xxh64.HashHex(Encoding.UTF8.GetBytes(name)) + ".mamtmp";
        }

        return Path.Combine(Path.GetDirectoryName(finalPath)!, temp);
    }
}

/// <summary>One file being written to one destination.</summary>
public sealed class CopyTarget
{
    private readonly DestinationWriter _destination;
    private readonly string _finalPath;
    private readonly string _tempPath;
    private FileStream? _stream;
    private string? _error;

    internal CopyTarget(DestinationWriter destination, string finalPath, string tempPath, FileStream stream)
    {
        _destination = destination;
        _finalPath = finalPath;
        _tempPath = tempPath;
        _stream = stream;
    }

    public bool HasFailed => _error is not null;

    /// <summary>Writes a chunk; a failing write marks only this copy as failed.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        if (_error is not null || _stream is null)
        {
            return;
        }

        try
        {
            await _stream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _error = ex.Message;
        }
    }

    /// <summary>
    /// Flushes to disk, re-reads the copy and compares its xxh64 with the source's; renames to the
    /// final name only on a match. The re-read may be served from the page cache: reading around it
    /// (O_DIRECT, cache drop) belongs to the DIT-grade verification modes.
    /// </summary>
    public async Task<DestinationFileResult> FinishAsync(string sourceXxh64, DateTime sourceLastWriteUtc, CancellationToken cancellationToken)
    {
        try
        {
            if (_error is null && _stream is not null)
            {
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                _stream.Flush(flushToDisk: true);
            }
        }
        catch (IOException ex)
        {
            _error = ex.Message;
        }

        await CloseAsync().ConfigureAwait(false);
        if (_error is not null)
        {
            return Fail(_error);
        }

        try
        {
            var copyHash = await Xxh64.HashFileAsync(_tempPath, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(copyHash, sourceXxh64, StringComparison.Ordinal))
            {
                return Fail($"copy does not match the source (xxh64 {copyHash}, source {sourceXxh64})");
            }

            File.SetLastWriteTimeUtc(_tempPath, sourceLastWriteUtc);
            File.Move(_tempPath, _finalPath, overwrite: true);
            return new DestinationFileResult(_destination.Root, _finalPath, true, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(ex.Message);
        }
    }

    /// <summary>
    /// Drops the temp file, e.g. when the source turned out to be unreadable. Takes no token on
    /// purpose: it is the clean-up that must still run when the offload is being cancelled.
    /// </summary>
    public async Task AbandonAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        DeleteQuietly(_tempPath);
    }

    internal static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the temp name never becomes a final file, so it cannot be mistaken for one.
        }
    }

    private DestinationFileResult Fail(string error)
    {
        DeleteQuietly(_tempPath);
        return new DestinationFileResult(_destination.Root, _finalPath, false, error);
    }

    private async Task CloseAsync()
    {
        if (_stream is null)
        {
            return;
        }

        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            _error ??= ex.Message;
        }

        _stream = null;
    }
}
