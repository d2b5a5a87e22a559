using System.Buffers;
using System.Globalization;
using Mam.Integrity.Hashing;

namespace Mam.Storage;

/// <summary>Multipart uploads for the filesystem store: parts wait in a staging folder (outside the
/// key space, which always starts with projects/ or renditions/) until completion joins them.</summary>
public sealed partial class FileSystemObjectStore
{
    private string StagingRoot => Path.Combine(_root, ".multipart");

    public Task<string> StartMultipartAsync(string key, CancellationToken cancellationToken)
    {
        // Refused now rather than after every part has arrived.
        EnsureNoFolderCollision(key, PathFor(key));
        var id = Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.Combine(StagingRoot, id));
        return Task.FromResult(id);
    }

    public PartTarget GetPartTarget(string key, string uploadId, int partNumber, TimeSpan validity, string? partXxh64 = null) => PartTarget.ViaApi;

    public async Task PutPartAsync(string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var part = PartPath(uploadId, partNumber);
        var temp = part + ".partial";
        await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
        {
            await content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            output.Flush(flushToDisk: true);
        }
        File.Move(temp, part, overwrite: true);
    }

    public Task<IReadOnlyDictionary<int, long>> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        var folder = UploadFolder(uploadId);
        IReadOnlyDictionary<int, long> parts = Directory.Exists(folder)
            ? new DirectoryInfo(folder).EnumerateFiles("*.part")
                .Select(f => (Number: int.Parse(Path.GetFileNameWithoutExtension(f.Name), CultureInfo.InvariantCulture), f.Length))
                .ToDictionary(p => p.Number, p => p.Length)
            : new Dictionary<int, long>();
        return Task.FromResult(parts);
    }

    public async Task<StoredObject> CompleteMultipartAsync(string key, string uploadId, int partCount, string expectedXxh64, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        EnsureNoFolderCollision(key, path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Guid.NewGuid():N}.partial");
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hasher = Xxh64.CreateHasher();
            long size = 0;
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                for (var n = 1; n <= partCount; n++)
                {
                    await using var part = new FileStream(PartPath(uploadId, n), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                    int read;
                    while ((read = await part.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hasher.Append(buffer.AsSpan(0, read));
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        size += read;
                    }
                }
                output.Flush(flushToDisk: true);
            }

            var actual = hasher.GetHashText();
            if (!string.Equals(actual, expectedXxh64, StringComparison.OrdinalIgnoreCase))
            {
                await AbortMultipartAsync(key, uploadId, cancellationToken).ConfigureAwait(false);
                throw new ObjectHashMismatchException(key, expectedXxh64.ToLowerInvariant(), actual);
            }
            File.Move(temp, path, overwrite: true);
            await AbortMultipartAsync(key, uploadId, cancellationToken).ConfigureAwait(false);
            return new StoredObject(key, size, actual);
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidOperationException($"Upload {uploadId} of '{key}' is missing a part: {ex.FileName}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            TryDelete(temp);
        }
    }

    public Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        var folder = UploadFolder(uploadId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        return Task.CompletedTask;
    }

    private string UploadFolder(string uploadId)
    {
        // The id is ours (a GUID), but it comes back through the API: refuse anything else.
        if (!Guid.TryParseExact(uploadId, "N", out _))
        {
            throw new InvalidObjectKeyException($"'{uploadId}' is not an upload id of this store.");
        }
        return Path.Combine(StagingRoot, uploadId);
    }

    private string PartPath(string uploadId, int partNumber) =>
        Path.Combine(UploadFolder(uploadId), string.Create(CultureInfo.InvariantCulture, $"{partNumber:D6}.part"));
}
