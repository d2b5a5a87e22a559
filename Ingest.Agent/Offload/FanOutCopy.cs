using System.Buffers;
using Ingest.Agent.Cards;
using Mam.Core.Integrity;

namespace Ingest.Agent.Offload;

/// <summary>
/// Copies one card file: the source is read once and every chunk goes to all destinations and to
/// the xxh64 hasher in the same pass (card readers are the slowest link, and a card read twice
/// could differ between reads). Each copy is then verified on its own.
/// </summary>
internal static class FanOutCopy
{
    private const int ChunkSize = 4 * 1024 * 1024;

    public static async Task<OffloadedFile> CopyAsync(
        SourceFile file,
        IReadOnlyList<DestinationWriter> destinations,
        IOffloadProgress progress,
        CancellationToken cancellationToken)
    {
        if (!destinations.Any(d => d.IsUsable))
        {
            // No point reading a card that has nowhere to go.
            return Result(file, 0, null, null, destinations.Select(d => d.Begin(file.RelativePath, 0, cancellationToken).Failure!).ToList());
        }

        FileStream source;
        try
        {
            source = new FileStream(file.FullPath, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return SourceFailed(file, 0, ex.Message, destinations);
        }

        await using (source.ConfigureAwait(false))
        {
            return await CopyOpenedAsync(file, source, destinations, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<OffloadedFile> CopyOpenedAsync(
        SourceFile file,
        FileStream source,
        IReadOnlyList<DestinationWriter> destinations,
        IOffloadProgress progress,
        CancellationToken cancellationToken)
    {
        var expectedSize = source.Length;
        progress.FileStarted(file.RelativePath, expectedSize);
        var results = new DestinationFileResult?[destinations.Count];
        var targets = new CopyTarget?[destinations.Count];
        for (var i = 0; i < destinations.Count; i++)
        {
            (targets[i], results[i]) = destinations[i].Begin(file.RelativePath, expectedSize, cancellationToken);
        }

        var open = targets.OfType<CopyTarget>().ToList();
        using var hasher = new Xxh64Hasher();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long copied = 0;
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                var chunk = buffer.AsMemory(0, read);
                var writes = Task.WhenAll(open.Select(t => t.WriteAsync(chunk, cancellationToken)));
                hasher.Append(chunk.Span);
                await writes.ConfigureAwait(false);
                copied += read;
                progress.BytesCopied(file.RelativePath, read);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Writes swallow their own errors, so whatever escapes here came from reading the card.
            await Task.WhenAll(open.Select(t => t.AbandonAsync())).ConfigureAwait(false);
            return SourceFailed(file, copied, ex.Message, destinations);
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(open.Select(t => t.AbandonAsync())).ConfigureAwait(false);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var hash = hasher.GetHashHex();
        var verifications = targets.Select(t => t?.FinishAsync(hash, file.LastWriteUtc, cancellationToken)).ToArray();
        for (var i = 0; i < destinations.Count; i++)
        {
            if (verifications[i] is { } verification)
            {
                results[i] = await verification.ConfigureAwait(false);
            }
        }

        return Result(file, copied, hash, null, results.Select(r => r!).ToList());
    }

    private static OffloadedFile SourceFailed(SourceFile file, long size, string error, IReadOnlyList<DestinationWriter> destinations) =>
        Result(
            file,
            size,
            null,
            error,
            destinations.Select(d => new DestinationFileResult(d.Root, d.FinalPath(file.RelativePath), false, "not copied: the source file could not be read")).ToList());

    private static OffloadedFile Result(SourceFile file, long size, string? hash, string? sourceError, IReadOnlyList<DestinationFileResult> results) =>
        new(file.RelativePath, size, file.LastWriteUtc, hash, sourceError, results);
}
