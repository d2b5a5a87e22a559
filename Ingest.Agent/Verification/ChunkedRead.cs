using System.Collections.Concurrent;
using Microsoft.Win32.SafeHandles;

namespace Ingest.Agent.Verification;

/// <summary>
/// Reads a file front to back with several reads in flight and hands the chunks over in order.
/// With one request at a time the device idles while a chunk is hashed or written, and a
/// virtualised or RAID device never gets the queue depth it needs to reach its speed. The handling
/// of a chunk may run on while the next chunks are handed over (a copy keeps several writes in
/// flight); its buffer is reused only once that handling has finished.
/// </summary>
internal static class ChunkedRead
{
    public const int ChunkSize = 8 * 1024 * 1024;

    /// <summary>Chunks being read or handled at once by default.</summary>
    public const int DefaultDepth = 4;

    private static readonly ConcurrentBag<AlignedBuffer> Pool = [];

    /// <param name="sizeHint">The file's length when opened: small files get fewer reads ahead. The read goes on to the real end of file.</param>
    /// <param name="unbuffered">The handle has O_DIRECT: every request must be aligned.</param>
    /// <param name="consume">Called once per chunk, in file order; the chunk stays valid until the returned task completes.</param>
    /// <param name="depth">Chunks (buffers) in flight: being read, or being handled by <paramref name="consume"/>.</param>
    /// <returns>The bytes read, once every chunk has been handled.</returns>
    public static async Task<long> RunAsync(
        SafeFileHandle file,
        long sizeHint,
        bool unbuffered,
        Func<ReadOnlyMemory<byte>, long, Task> consume,
        CancellationToken cancellationToken,
        int depth = DefaultDepth)
    {
        ArgumentNullException.ThrowIfNull(consume);
        depth = (int)Math.Clamp((sizeHint / ChunkSize) + 1, 1, depth);
        var buffers = new AlignedBuffer[depth];
        var handled = new Task[depth];
        var reads = new Task<int>?[depth];
        for (var slot = 0; slot < depth; slot++)
        {
            buffers[slot] = Pool.TryTake(out var pooled) ? pooled : new AlignedBuffer(ChunkSize);
            handled[slot] = Task.CompletedTask;
            reads[slot] = ReadChunkAsync(file, buffers[slot].Memory, (long)slot * ChunkSize, unbuffered, cancellationToken);
        }

        long total = 0;
        try
        {
            for (long chunk = 0; ; chunk++)
            {
                var slot = (int)(chunk % depth);
                var read = await reads[slot]!.ConfigureAwait(false);
                reads[slot] = null;
                if (read > 0)
                {
                    handled[slot] = consume(buffers[slot].Memory[..read], chunk * ChunkSize);
                    total += read;
                }

                if (read < ChunkSize)
                {
                    await Task.WhenAll(handled).ConfigureAwait(false);
                    return total;
                }

                reads[slot] = ReadWhenHandledAsync(handled[slot], file, buffers[slot].Memory, (chunk + depth) * ChunkSize, unbuffered, cancellationToken);
            }
        }
        finally
        {
            // Reads and handling still in flight (past the end, or after a failure) use the buffers: let them finish first.
            foreach (var pending in reads.OfType<Task>().Concat(handled))
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException)
                {
                    // Already failing or past the end: this outcome no longer matters.
                }
            }

            foreach (var buffer in buffers)
            {
                Pool.Add(buffer);
            }
        }
    }

    private static async Task<int> ReadWhenHandledAsync(Task handled, SafeFileHandle file, Memory<byte> buffer, long offset, bool unbuffered, CancellationToken cancellationToken)
    {
        await handled.ConfigureAwait(false);
        return await ReadChunkAsync(file, buffer, offset, unbuffered, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>A full chunk, or fewer bytes only at the end of the file.</returns>
    private static async Task<int> ReadChunkAsync(SafeFileHandle file, Memory<byte> buffer, long offset, bool unbuffered, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(file, buffer[filled..], offset + filled, cancellationToken).ConfigureAwait(false);
            filled += read;
            // An unbuffered read stops short only at the end of the file (and the next offset would be unaligned).
            if (read == 0 || (unbuffered && !UnbufferedIo.IsAligned(filled)))
            {
                break;
            }
        }

        return filled;
    }
}
