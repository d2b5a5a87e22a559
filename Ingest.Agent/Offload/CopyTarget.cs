using Ingest.Agent.Verification;
using Microsoft.Win32.SafeHandles;

namespace Ingest.Agent.Offload;

/// <summary>
/// One file being written to one destination under its temp name. Written unbuffered (O_DIRECT)
/// where the destination's file system allows it, so the copy does not pass through the page cache
/// on its way to the device; the last bytes that do not fill an aligned block are written buffered.
/// </summary>
public sealed class CopyTarget
{
    private readonly DestinationWriter _destination;
    private readonly string _finalPath;
    private readonly string _tempPath;
    private SafeFileHandle? _file;
    private bool _unbuffered;
    private readonly Lock _gate = new();
    private long _length;
    private string? _error;

    internal CopyTarget(DestinationWriter destination, string finalPath, string tempPath, SafeFileHandle file)
    {
        _destination = destination;
        _finalPath = finalPath;
        _tempPath = tempPath;
        _file = file;
        _unbuffered = UnbufferedIo.TryEnable(file);
    }

    public bool HasFailed => _error is not null;

    /// <summary>
    /// Writes a chunk at its offset; a failing write marks only this copy as failed. Chunks start
    /// on aligned offsets in aligned buffers (<see cref="ChunkedRead"/>); only the last may be short.
    /// Several chunks may be written at once (each at its own offset).
    /// </summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> chunk, long offset, CancellationToken cancellationToken)
    {
        var file = _file;
        if (_error is not null || file is null)
        {
            return;
        }

        try
        {
            var aligned = _unbuffered && UnbufferedIo.IsAligned(offset) ? chunk.Length - (chunk.Length % UnbufferedIo.Alignment) : 0;
            if (aligned > 0)
            {
                await RandomAccess.WriteAsync(file, chunk[..aligned], offset, cancellationToken).ConfigureAwait(false);
            }

            if (aligned < chunk.Length)
            {
                // The file's last bytes (or an unaligned piece): through the page cache, flushed by the fsync.
                Buffered(file);
                await RandomAccess.WriteAsync(file, chunk[aligned..], offset + aligned, cancellationToken).ConfigureAwait(false);
            }

            lock (_gate)
            {
                _length = Math.Max(_length, offset + chunk.Length);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // ObjectDisposed: another chunk's write failed first and already closed the file.
            lock (_gate)
            {
                _error ??= Explain(ex);
            }

            // Free the space at once: on a full drive the other files of this card may still fit.
            await AbandonAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes the copy durable (fsync) and proves it: with <see cref="VerifyMode.Full"/> the copy is
    /// re-read from the device (unbuffered, or with its cached pages dropped) and its xxh64 compared with the source's;
    /// otherwise <paramref name="sourceVerified"/> decides. Renames to the final name only on success.
    /// </summary>
    public async Task<DestinationFileResult> FinishAsync(
        string sourceXxh64,
        DateTime sourceLastWriteUtc,
        VerifyMode mode,
        bool sourceVerified,
        IProgress<long>? verifyProgress,
        Func<Task>? beforeRename,
        CancellationToken cancellationToken)
    {
        try
        {
            if (_error is null && _file is { } file)
            {
                // fsync blocks for as long as the device takes: off the thread that reads the next file.
                await Task.Run(
                    () =>
                    {
                        if (RandomAccess.GetLength(file) != _length)
                        {
                            // Space reserved for a source that turned out shorter.
                            RandomAccess.SetLength(file, _length);
                        }

                        PageCache.FlushAndDrop(file);
                    },
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException ex)
        {
            _error = Explain(ex);
        }
        finally
        {
            // Cancelled too: a process that goes on (watch) must not keep the temp file open, or the
            // next offload of the same card could not open it to redo it.
            Close();
        }

        if (_error is not null)
        {
            return Fail(_error);
        }

        if (!sourceVerified)
        {
            return Fail("not verified: the source read back differently (see the source error)");
        }

        try
        {
            if (mode == VerifyMode.Full)
            {
                var copyHash = await DeviceRead.Xxh64Async(_tempPath, bypassCache: true, verifyProgress, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(copyHash, sourceXxh64, StringComparison.Ordinal))
                {
                    return Fail($"copy does not match the source (xxh64 {copyHash} read back from the device, source {sourceXxh64})");
                }
            }

            File.SetLastWriteTimeUtc(_tempPath, sourceLastWriteUtc);
            if (beforeRename is not null)
            {
                // Journal first, rename second: a final name always has its journal row, so a resumed
                // run never copies a verified file again (a row without the rename is simply redone).
                await beforeRename().ConfigureAwait(false);
            }

            File.Move(_tempPath, _finalPath, overwrite: true);
            return new DestinationFileResult(_destination.Root, _finalPath, true, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(Explain(ex));
        }
    }

    /// <summary>
    /// Drops the temp file, e.g. when the source turned out to be unreadable. Takes no token on
    /// purpose: it is the clean-up that must still run when the offload is being cancelled.
    /// </summary>
    public Task AbandonAsync()
    {
        Close();
        DeleteQuietly(_tempPath);
        return Task.CompletedTask;
    }

    internal static string Explain(Exception ex) =>
        ex.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("disk was full", StringComparison.OrdinalIgnoreCase)
            ? $"destination full ({ex.Message}); the partial copy was removed"
            : ex.Message;

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

    private void Buffered(SafeFileHandle file)
    {
        lock (_gate)
        {
            if (_unbuffered)
            {
                UnbufferedIo.Disable(file);
                _unbuffered = false;
            }
        }
    }

    private void Close() => Interlocked.Exchange(ref _file, null)?.Dispose();
}
