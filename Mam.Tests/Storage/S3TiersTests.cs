using Mam.Integrity.Hashing;
using Mam.Storage;
using Mam.Storage.Placement;
using Mam.Storage.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Storage;

/// <summary>Storage tiers on the real gateway, which has a second class (COLD) on its placement and a
/// lifecycle "day" of 10 s: each kind of object lands in its class, and a lifecycle rule moves
/// originals to the cold class while proxies stay where they were written.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class S3TiersTests
{
    private const int MiB = 1024 * 1024;
    private static readonly HttpClient Http = new();
    private static readonly Guid Asset = Guid.NewGuid();
    private readonly List<string> _buckets = [];
    private readonly List<S3ObjectStore> _stores = [];

    [OneTimeSetUp]
    public void RequireServer() => S3TestServer.IgnoreUnlessStarted();

    [TearDown]
    public async Task CleanUp()
    {
        _stores.ForEach(s => s.Dispose());
        _stores.Clear();
        foreach (var bucket in _buckets)
        {
            await S3TestServer.DeleteBucketAsync(bucket);
        }
        _buckets.Clear();
    }

    [Test]
    public async Task Originals_PutOrUploadedInParts_LandInTheirTiersClass_WhileProxiesStayStandard()
    {
        var cold = S3TestServer.ColdClass;
        var (store, bucket) = NewStore(o =>
        {
            o.Tiers.Originals.StorageClass = cold;
            o.Tiers.Renditions.StorageClass = cold;
        });
        var small = ObjectKeys.Original("Feature", "A001", "small.mov");
        var large = ObjectKeys.Original("Feature", "A001", "large.mov");
        var uploaded = ObjectKeys.Original("Feature", "A001", "uploaded.mov");
        var proxy = ObjectKeys.Rendition(Asset, "Proxy", "proxy.mp4");
        var poster = ObjectKeys.Rendition(Asset, "Poster", "poster.jpg");
        await store.PutAsync(small, new MemoryStream(RandomBytes(1000)), null, CancellationToken.None);
        await store.PutAsync(large, new MemoryStream(RandomBytes((2 * 5 * MiB) + 7)), null, CancellationToken.None);
        await UploadInPartsAsync(store, uploaded, RandomBytes(5 * MiB + 3));
        await store.PutAsync(proxy, new MemoryStream(RandomBytes((5 * MiB) + 1)), null, CancellationToken.None);
        await store.PutAsync(poster, new MemoryStream(RandomBytes(500)), null, CancellationToken.None);

        (await S3TestServer.StorageClassAsync(bucket, small)).ShouldBe(cold, "an original sent in one PUT");
        (await S3TestServer.StorageClassAsync(bucket, large)).ShouldBe(cold, "an original sent in parts by the server");
        (await S3TestServer.StorageClassAsync(bucket, uploaded)).ShouldBe(cold, "an original uploaded on presigned URLs, then copied to its key");
        (await S3TestServer.StorageClassAsync(bucket, poster)).ShouldBe(cold, "a poster takes the renditions' class");
        (await S3TestServer.StorageClassAsync(bucket, proxy)).ShouldBeNull("a proxy without a class of its own stays STANDARD");
        (await store.GetPlacementAsync(proxy, CancellationToken.None))!.StorageClass.ShouldBe(ObjectPlacement.Standard);
        (await store.GetPlacementAsync(small, CancellationToken.None))!.StorageClass.ShouldBe(cold);
    }

    [Test]
    public async Task ARuleOriginalsToColdAfterOneDay_MovesTheOriginal_NotTheProxy_AndTheBytesReadBackTheSame()
    {
        var cold = S3TestServer.ColdClass;
        var (store, bucket) = NewStore(o =>
        {
            o.KeyPrefix = "studio-a";
            o.Tiers.Originals.TransitionAfterDays = 1;
            o.Tiers.Originals.TransitionTo = cold;
        });
        var original = ObjectKeys.Original("Feature", "A001", "clip.mov");
        var proxy = ObjectKeys.Rendition(Asset, "Proxy", "proxy.mp4");
        var bytes = RandomBytes((5 * MiB) + 11);
        await store.PutAsync(original, new MemoryStream(bytes), Xxh64.HashHex(bytes), CancellationToken.None);
        await store.PutAsync(proxy, new MemoryStream(RandomBytes(2000)), null, CancellationToken.None);

        (await S3TestServer.StorageClassAsync(bucket, "studio-a/" + original)).ShouldBeNull("written STANDARD: no class of its own");

        (await store.ApplyLifecycleAsync(CancellationToken.None)).ShouldBeTrue();

        var rules = await S3TestServer.AwsAsync("s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket);
        rules.ShouldContain("studio-a/projects/");
        (await S3TestServer.WaitForClassAsync(bucket, "studio-a/" + original, cold)).ShouldBe(cold, "the original moved after its day (10 s here)");
        (await S3TestServer.StorageClassAsync(bucket, "studio-a/" + proxy)).ShouldBeNull("the proxy stays STANDARD");
        await using var read = await store.OpenReadAsync(original, CancellationToken.None);
        using var back = new MemoryStream();
        await read.CopyToAsync(back);
        back.ToArray().ShouldBe(bytes, "the moved original reads back byte for byte");
    }

    [Test]
    public async Task WithoutATransition_ARuleSetInTheStoreByHand_IsLeftAlone()
    {
        var (store, bucket) = NewStore(o => o.Tiers.Originals.StorageClass = S3TestServer.ColdClass);
        await store.PutAsync(ObjectKeys.Original("P", "C", "a.mov"), new MemoryStream([1, 2, 3]), null, CancellationToken.None);
        await S3TestServer.AwsAsync("s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket, "--lifecycle-configuration",
            """{"Rules":[{"ID":"by-hand","Status":"Enabled","Filter":{"Prefix":"exports/"},"Expiration":{"Days":30}}]}""");

        (await store.ApplyLifecycleAsync(CancellationToken.None)).ShouldBeFalse();

        (await S3TestServer.AwsAsync("s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket)).ShouldContain("by-hand");
    }

    private (S3ObjectStore Store, string Bucket) NewStore(Action<S3StorageOptions> change)
    {
        var bucket = S3TestServer.NewBucketName("tiers");
        _buckets.Add(bucket);
        var options = S3TestServer.Options(bucket);
        change(options);
        options.Problems(S3StorageOptions.Section).ShouldBeEmpty();
        var store = new S3ObjectStore(Options.Create(options), TimeProvider.System, NullLogger<S3ObjectStore>.Instance);
        _stores.Add(store);
        return (store, bucket);
    }

    private static async Task UploadInPartsAsync(S3ObjectStore store, string key, byte[] file)
    {
        var uploadId = await store.StartMultipartAsync(key, CancellationToken.None);
        var count = (int)((file.Length + store.PartSize - 1) / store.PartSize);
        for (var n = 1; n <= count; n++)
        {
            var from = (int)((n - 1) * store.PartSize);
            var url = store.GetPartTarget(key, uploadId, n, TimeSpan.FromMinutes(10)).PresignedUrl!;
            using var response = await Http.PutAsync(url, new ByteArrayContent(file[from..(int)Math.Min(file.Length, from + store.PartSize)]));
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        }
        await store.CompleteMultipartAsync(key, uploadId, count, Xxh64.HashHex(file), CancellationToken.None);
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
