using Ingest.Agent.Cards;
using Ingest.Agent.Verification;
using Mam.Integrity.Hashing;
using Microsoft.Win32.SafeHandles;

namespace Ingest.Agent.Offload;

/// <summary>
/// Copies one card file: the source is read once and every chunk goes to all destinations and to
/// every hasher concurrently — the formats asked for and those the card's own history holds (card
/// readers are the slowest link, and a card read twice could differ between reads). The next chunks are being read (unbuffered where possible, see
/// <see cref="ChunkedRead"/>) while the current one is written and hashed.
/// Verification (per <see cref="VerifyMode"/>) is returned as a task of its own, so the caller can
/// start reading the next file while this one is re-read from the destinations.
/// </summary>
internal static class FanOutCopy
{
    /// <summary>Chunks in flight while copying (64 MiB): reads ahead and several writes per destination.</summary>
    private const int CopyDepth = 8;

    /// <param name="keep">Per destination: a result to keep as is (already verified by an earlier run), or null to copy.</param>
    /// <returns>Once the source is read and written: the verification still to await.</returns>
    public static async Task<Task<OffloadedFile>> CopyAsync(
        SourceFile file,
        IReadOnlyList<DestinationWriter> destinations,
        IReadOnlyList<DestinationFileResult?> keep,
        OffloadRequest request,
        IReadOnlyList<string> formats,
        IOffloadProgress progress,
        Func<int, IReadOnlyDictionary<string, string>, long, Task>? recordVerified,
        CancellationToken cancellationToken)
    {
        if (!destinations.Where((d, i) => keep[i] is null).Any(d => d.IsUsable))
        {
            // No point reading a card that has nowhere (new) to go.
            var results = destinations.Select((d, i) => keep[i] ?? d.Begin(file.RelativePath, 0, cancellationToken).Failure!).ToList();
            return Task.FromResult(Result(file, 0, new Dictionary<string, string>(), "no destination can take the file", results));
        }

        SafeFileHandle source;
        bool unbuffered;
        try
        {
            source = DeviceRead.OpenForReading(file.FullPath, bypassCache: true, out unbuffered);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(SourceFailed(file, 0, ex.Message, destinations, keep));
        }

        using (source)
        {
            return await CopyOpenedAsync(file, source, unbuffered, destinations, keep, request, formats, progress, recordVerified, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Task<OffloadedFile>> CopyOpenedAsync(
        SourceFile file,
        SafeFileHandle source,
        bool unbuffered,
        IReadOnlyList<DestinationWriter> destinations,
        IReadOnlyList<DestinationFileResult?> keep,
        OffloadRequest request,
        IReadOnlyList<string> formats,
        IOffloadProgress progress,
        Func<int, IReadOnlyDictionary<string, string>, long, Task>? recordVerified,
        CancellationToken cancellationToken)
    {
        var expectedSize = RandomAccess.GetLength(source);
        progress.FileStarted(file.RelativePath, expectedSize);
        var results = new DestinationFileResult?[destinations.Count];
        var targets = new CopyTarget?[destinations.Count];
        for (var i = 0; i < destinations.Count; i++)
        {
            if (keep[i] is { } kept)
            {
                results[i] = kept;
                continue;
            }

            (targets[i], results[i]) = destinations[i].Begin(file.RelativePath, expectedSize, cancellationToken);
        }

        var open = targets.OfType<CopyTarget>().ToList();
        var hashes = new FileHashes(formats);
        long copied = 0;
        var hashing = Task.CompletedTask;
        try
        {
            copied = await ChunkedRead.RunAsync(
                source,
                expectedSize,
                unbuffered,
                (chunk, offset) =>
                {
                    // Writes of several chunks are in flight at once; hashing takes the chunks strictly in order.
                    hashing = HashAfterAsync(hashing, hashes, chunk);
                    var writes = open.Select(t => t.WriteAsync(chunk, offset, cancellationToken)).Append(hashing).ToList();
                    progress.BytesCopied(file.RelativePath, chunk.Length);
                    copied = offset + chunk.Length;
                    return Task.WhenAll(writes);
                },
                cancellationToken,
                CopyDepth).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Writes swallow their own errors, so whatever escapes here came from reading the card.
            hashes.Dispose();
            await Task.WhenAll(open.Select(t => t.AbandonAsync())).ConfigureAwait(false);
            return Task.FromResult(SourceFailed(file, copied, ex.Message, destinations, keep));
        }
        catch (OperationCanceledException)
        {
            hashes.Dispose();
            await Task.WhenAll(open.Select(t => t.AbandonAsync())).ConfigureAwait(false);
            throw;
        }

        var values = hashes.Results();
        hashes.Dispose();
        return VerifyAsync(file, copied, values, destinations, targets, results, request, progress, recordVerified, cancellationToken);
    }

    private static async Task<OffloadedFile> VerifyAsync(
        SourceFile file,
        long copied,
        IReadOnlyDictionary<string, string> hashes,
        IReadOnlyList<DestinationWriter> destinations,
        CopyTarget?[] targets,
        DestinationFileResult?[] results,
        OffloadRequest request,
        IOffloadProgress progress,
        Func<int, IReadOnlyDictionary<string, string>, long, Task>? recordVerified,
        CancellationToken cancellationToken)
    {
        var xxh64 = hashes[HashFormats.Xxh64];
        string? sourceError = null;
        if (request.Verify == VerifyMode.Source)
        {
            try
            {
                var again = await DeviceRead.Xxh64Async(file.FullPath, bypassCache: true, null, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(again, xxh64, StringComparison.Ordinal))
                {
                    sourceError = $"the source read back differently (xxh64 {again}, first read {xxh64})";
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                sourceError = $"the source could not be read again to verify: {ex.Message}";
            }
        }

        var verifications = targets.Select((t, i) => t?.FinishAsync(
            xxh64,
            file.LastWriteUtc,
            request.Verify,
            sourceError is null,
            new VerifiedBytes(progress, file.RelativePath, destinations[i].Root),
            recordVerified is null ? null : () => recordVerified(i, hashes, copied),
            cancellationToken)).ToArray();
        for (var i = 0; i < destinations.Count; i++)
        {
            if (verifications[i] is { } verification)
            {
                results[i] = await verification.ConfigureAwait(false);
            }
        }

        return Result(file, copied, hashes, sourceError, results.Select(r => r!).ToList());
    }

    private static async Task HashAfterAsync(Task previous, FileHashes hashes, ReadOnlyMemory<byte> chunk)
    {
        await previous.ConfigureAwait(false);
        await Task.Run(() => hashes.Append(chunk)).ConfigureAwait(false);
    }

    private static OffloadedFile SourceFailed(SourceFile file, long size, string error, IReadOnlyList<DestinationWriter> destinations, IReadOnlyList<DestinationFileResult?> keep) =>
        Result(
            file,
            size,
            new Dictionary<string, string>(),
            error,
            destinations.Select((d, i) => keep[i] ?? new DestinationFileResult(d.Root, d.FinalPath(file.RelativePath), false, "not copied: the source file could not be read")).ToList());

    private static OffloadedFile Result(SourceFile file, long size, IReadOnlyDictionary<string, string> hashes, string? sourceError, IReadOnlyList<DestinationFileResult> results) =>
        new(file.RelativePath, size, file.LastWriteUtc, hashes, sourceError, results);

    /// <summary>Reports re-read bytes as they are read. Not <see cref="Progress{T}"/>: that posts each
    /// report to the thread pool, so the last ones could arrive after the live view drew its final frame.</summary>
    private sealed class VerifiedBytes(IOffloadProgress progress, string relativePath, string destinationRoot) : IProgress<long>
    {
        public void Report(long value) => progress.BytesVerified(relativePath, destinationRoot, value);
    }
}
