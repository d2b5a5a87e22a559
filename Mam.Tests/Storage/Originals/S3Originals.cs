using Mam.Hosting;
using Mam.Integrity.Hashing;
using Mam.Storage.Originals;
using Mam.Storage.S3;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Storage.Originals;

/// <summary>A bucket of the test's own on the real S3 server (Ceph RGW), the store counted, and caches
/// over folders the test chooses.</summary>
internal sealed class S3Originals : IAsyncDisposable
{
    private readonly S3ObjectStore _s3;

    public S3Originals()
    {
        S3TestServer.IgnoreUnlessStarted();
        Bucket = S3TestServer.NewBucketName("originals");
        _s3 = new S3ObjectStore(Options.Create(S3TestServer.Options(Bucket)), TimeProvider.System, NullLogger<S3ObjectStore>.Instance);
        Store = new CountingObjectStore(_s3);
    }

    public string Bucket { get; }

    public CountingObjectStore Store { get; }

    public TempFolder Work { get; } = new("original-cache");

    /// <summary>Stores an original and returns what the catalog would hold about it.</summary>
    public async Task<Original> PutAsync(string key, byte[] content)
    {
        await _s3.PutAsync(key, new MemoryStream(content), null, CancellationToken.None);
        return new Original(key, content.Length, Xxh64.HashHex(content));
    }

    public async Task<Original> PutFileAsync(string key, string path)
    {
        await using var content = File.OpenRead(path);
        var stored = await _s3.PutAsync(key, content, null, CancellationToken.None);
        return new Original(key, stored.Size, stored.Xxh64);
    }

    public OriginalCache Cache(string directory, long maxSizeMiB = 1024, bool enabled = true) =>
        new(Store, new WorkFolders(Work.Combine("work")),
            Options.Create(new OriginalCacheOptions { Directory = directory, MaxSizeMiB = maxSizeMiB, Enabled = enabled }),
            Options.Create(new MamOptions { DataDirectory = Work.Path }), NullLogger<OriginalCache>.Instance);

    public static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public async ValueTask DisposeAsync()
    {
        _s3.Dispose();
        Work.Dispose();
        await S3TestServer.DeleteBucketAsync(Bucket);
    }
}

internal sealed record Original(string Key, long Size, string Xxh64);

internal static class OriginalCacheExtensions
{
    public static Task<CachedOriginal> OpenAsync(this OriginalCache cache, Original original, string? xxh64 = null) =>
        cache.OpenAsync(original.Key, original.Size, xxh64 ?? original.Xxh64, CancellationToken.None);
}
