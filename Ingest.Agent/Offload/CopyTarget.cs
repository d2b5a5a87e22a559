using Ingest.Agent.Verification;

namespace Ingest.Agent.Offload;

/// <summary>One file being written to one destination under its temp name.</summary>
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
            _error = Explain(ex);
            // Free the space at once: on a full drive the other files of this card may still fit.
            await AbandonAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes the copy durable (fsync) and proves it: with <see cref="VerifyMode.Full"/> the copy is
    /// re-read from the device (its cached pages dropped) and its xxh64 compared with the source's;
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
            if (_error is null && _stream is not null)
            {
                await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                PageCache.FlushAndDrop(_stream.SafeFileHandle);
            }
        }
        catch (IOException ex)
        {
            _error = Explain(ex);
        }

        await CloseAsync().ConfigureAwait(false);
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
    public async Task AbandonAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        DeleteQuietly(_tempPath);
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

    private async Task CloseAsync()
    {
        var stream = _stream;
        if (stream is null)
        {
            return;
        }

        _stream = null;
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            _error ??= Explain(ex);
        }
    }
}
