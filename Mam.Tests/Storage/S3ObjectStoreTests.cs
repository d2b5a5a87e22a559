using System.Text.Json;
using Mam.Integrity.Hashing;
using Mam.Storage;
using Mam.Storage.S3;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Storage;

/// <summary>What only an S3 store has: other S3 clients reading our objects, bucket creation, key
/// prefixes, server-side copies in parts, and the gateway dying in the middle of an upload.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class S3ObjectStoreTests
{
    private const int MiB = 1024 * 1024;
    private static readonly HttpClient Http = new();
    private readonly List<string> _buckets = [];
    private readonly List<S3ObjectStore> _stores = [];
    private TempFolder? _folder;

    [OneTimeSetUp]
    public void RequireServer() => S3TestServer.IgnoreUnlessStarted();

    [SetUp]
    public void Prepare() => _folder = new TempFolder("s3-store");

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
        _folder?.Dispose();
    }

    [Test]
    public async Task Objects_PutWholeInPartsOrUploadedOnPresignedUrls_AreReadByTheAwsCliWithTheSameBytes()
    {
        var (store, bucket) = NewStore();
        var small = RandomBytes(3 * MiB);
        var large = RandomBytes((2 * 5 * MiB) + 5);
        var uploaded = RandomBytes(5 * MiB + 3);
        await store.PutAsync("projects/Feature/cards/A001/small clip.mov", new MemoryStream(small), Xxh64.HashHex(small), CancellationToken.None);
        await store.PutAsync("projects/Feature/cards/A001/large clip.mov", new MemoryStream(large), Xxh64.HashHex(large), CancellationToken.None);
        await UploadInPartsAsync(store, "projects/Feature/cards/A001/Ü uploaded.mov", uploaded);

        (await DownloadWithAwsCliAsync(bucket, "projects/Feature/cards/A001/small clip.mov")).ShouldBe(small);
        (await DownloadWithAwsCliAsync(bucket, "projects/Feature/cards/A001/large clip.mov")).ShouldBe(large);
        (await DownloadWithAwsCliAsync(bucket, "projects/Feature/cards/A001/Ü uploaded.mov")).ShouldBe(uploaded);
        (await ListKeysWithAwsCliAsync(bucket)).ShouldBe(
            ["projects/Feature/cards/A001/large clip.mov", "projects/Feature/cards/A001/small clip.mov", "projects/Feature/cards/A001/Ü uploaded.mov"],
            "no temporary objects are left behind");
    }

    [Test]
    public async Task Put_IntoABucketThatDoesNotExistYet_CreatesTheBucket()
    {
        var (store, bucket) = NewStore();

        await store.PutAsync("projects/P/cards/C/a.txt", new MemoryStream([1, 2, 3]), null, CancellationToken.None);

        await S3TestServer.AwsAsync("s3api", "head-bucket", "--bucket", bucket);
    }

    [Test]
    public async Task KeyPrefix_PutsEveryObjectAndEveryUploadUnderIt()
    {
        var (store, bucket) = NewStore(o => o.KeyPrefix = "studio-a/mam");
        var bytes = RandomBytes(1000);
        await store.PutAsync("projects/P/cards/C/a.mov", new MemoryStream(bytes), null, CancellationToken.None);
        await UploadInPartsAsync(store, "projects/P/cards/C/b.mov", bytes);

        (await ListKeysWithAwsCliAsync(bucket)).ShouldBe(["studio-a/mam/projects/P/cards/C/a.mov", "studio-a/mam/projects/P/cards/C/b.mov"]);
        (await store.GetSizeAsync("projects/P/cards/C/b.mov", CancellationToken.None)).ShouldBe(1000);
    }

    [Test]
    public async Task Complete_OfAnObjectAboveTheSingleCopyLimit_CopiesItInPartsAndVerifies()
    {
        // S3 copies at most 5 GiB in one request; the limit is lowered so a 12 MiB file takes that path.
        var (store, bucket) = NewStore(o => o.CopyInPartsAboveMiB = 5);
        var file = RandomBytes(12 * MiB + 1);

        await UploadInPartsAsync(store, "projects/P/cards/C/big.mxf", file);

        (await DownloadWithAwsCliAsync(bucket, "projects/P/cards/C/big.mxf")).ShouldBe(file);
        (await ListKeysWithAwsCliAsync(bucket)).ShouldBe(["projects/P/cards/C/big.mxf"]);
    }

    [Test]
    public async Task Complete_WithAWrongHash_LeavesNoTemporaryObjectBehind()
    {
        var (store, bucket) = NewStore();
        const string key = "projects/P/cards/C/bad.mov";
        var file = RandomBytes(6 * MiB);
        var uploadId = await store.StartMultipartAsync(key, CancellationToken.None);
        await PutPresignedAsync(store, key, uploadId, 1, file[..(5 * MiB)]);
        await PutPresignedAsync(store, key, uploadId, 2, file[(5 * MiB)..]);

        await Should.ThrowAsync<ObjectHashMismatchException>(() => store.CompleteMultipartAsync(key, uploadId, 2, "ffffffffffffffff", CancellationToken.None));

        (await ListKeysWithAwsCliAsync(bucket)).ShouldBeEmpty();
    }

    [Test]
    public async Task Upload_WhenTheGatewayDiesMidway_FailsClearlyAndResumesOnceItIsBack()
    {
        var (store, bucket) = NewStore();
        const string key = "projects/P/cards/C/A003C001.mov";
        var file = RandomBytes((2 * 5 * MiB) + 10);
        var parts = new[] { file[..(5 * MiB)], file[(5 * MiB)..(10 * MiB)], file[(10 * MiB)..] };
        var uploadId = await store.StartMultipartAsync(key, CancellationToken.None);
        await PutPresignedAsync(store, key, uploadId, 1, parts[0]);
        var partTwoUrl = store.GetPartTarget(key, uploadId, 2, TimeSpan.FromHours(1)).PresignedUrl!;

        S3TestServer.KillGateway();
        try
        {
            var viaStore = await Should.ThrowAsync<ObjectStoreUnavailableException>(() =>
                store.PutPartAsync(key, uploadId, 2, new MemoryStream(parts[1]), parts[1].Length, CancellationToken.None));
            viaStore.Message.ShouldContain(S3TestServer.Endpoint);
            await Should.ThrowAsync<HttpRequestException>(() => Http.PutAsync(partTwoUrl, new ByteArrayContent(parts[1])));
            await Should.ThrowAsync<ObjectStoreUnavailableException>(() =>
                store.PutAsync("projects/P/cards/C/other.mov", new MemoryStream(parts[2]), null, CancellationToken.None));
        }
        finally
        {
            await S3TestServer.StartGatewayAsync();
        }

        var received = await store.ListPartsAsync(key, uploadId, CancellationToken.None);
        received.Keys.ShouldBe([1], "part 1 survived the gateway's death");
        using (var response = await Http.PutAsync(partTwoUrl, new ByteArrayContent(parts[1])))
        {
            response.EnsureSuccessStatusCode();
        }
        await store.PutPartAsync(key, uploadId, 3, new MemoryStream(parts[2]), parts[2].Length, CancellationToken.None);
        var stored = await store.CompleteMultipartAsync(key, uploadId, 3, Xxh64.HashHex(file), CancellationToken.None);

        stored.Xxh64.ShouldBe(Xxh64.HashHex(file));
        (await DownloadWithAwsCliAsync(bucket, key)).ShouldBe(file);
        (await store.GetSizeAsync("projects/P/cards/C/other.mov", CancellationToken.None)).ShouldBeNull();
    }

    [Test]
    public void PartTarget_IsAPresignedUrlOnTheStoresOwnEndpoint()
    {
        var (store, _) = NewStore();

        var url = store.GetPartTarget("projects/P/cards/C/a b.mov", $"{Guid.NewGuid():N}.2~abc", 7, TimeSpan.FromHours(6)).PresignedUrl!;

        url.GetLeftPart(UriPartial.Authority).ShouldBe(S3TestServer.Endpoint);
        url.Query.ShouldContain("partNumber=7");
        url.Query.ShouldContain("uploadId=2~abc");
        url.Query.ShouldContain("X-Amz-Signature=");
    }

    /// <summary>RGW 16 ignores x-amz-checksum-* (AWS behaviour is tested against a stand-in, StoreChecksumTests),
    /// but uploads with the option on must still work there; and RGW does check SigV4, so a part URL signed
    /// for a checksum header is refused without it.</summary>
    [Test]
    public async Task WithStoreChecksumsOn_UploadsStillWorkOnRgw_AndAPartUrlSignedForItsChecksum_IsRefusedWithoutTheHeader()
    {
        var (store, bucket) = NewStore(o => o.StoreChecksums = StoreChecksums.Xxh64);
        var small = RandomBytes(1 * MiB);
        var large = RandomBytes((2 * 5 * MiB) + 7);
        var uploaded = RandomBytes((5 * MiB) + 11);
        await store.PutAsync("projects/P/cards/C/small.mov", new MemoryStream(small), Xxh64.HashHex(small), CancellationToken.None);
        await store.PutAsync("projects/P/cards/C/large.mov", new MemoryStream(large), Xxh64.HashHex(large), CancellationToken.None);
        const string key = "projects/P/cards/C/uploaded.mov";
        var uploadId = await store.StartMultipartAsync(key, CancellationToken.None);
        var first = uploaded[..(5 * MiB)];
        var target = store.GetPartTarget(key, uploadId, 1, TimeSpan.FromMinutes(10), Xxh64.HashHex(first));

        using (var unsigned = await Http.PutAsync(target.PresignedUrl!, new ByteArrayContent(first)))
        {
            unsigned.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden, "the checksum header is part of the signature");
        }
        using (var request = new HttpRequestMessage(HttpMethod.Put, target.PresignedUrl) { Content = new ByteArrayContent(first) })
        {
            foreach (var (name, value) in target.Headers!)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            using var signed = await Http.SendAsync(request);
            signed.IsSuccessStatusCode.ShouldBeTrue(await signed.Content.ReadAsStringAsync());
        }
        await store.PutPartAsync(key, uploadId, 2, new MemoryStream(uploaded[(5 * MiB)..]), uploaded.Length - (5 * MiB), CancellationToken.None);
        await store.CompleteMultipartAsync(key, uploadId, 2, Xxh64.HashHex(uploaded), CancellationToken.None);

        (await DownloadWithAwsCliAsync(bucket, "projects/P/cards/C/small.mov")).ShouldBe(small);
        (await DownloadWithAwsCliAsync(bucket, "projects/P/cards/C/large.mov")).ShouldBe(large);
        (await DownloadWithAwsCliAsync(bucket, key)).ShouldBe(uploaded);
    }

    private (S3ObjectStore Store, string Bucket) NewStore(Action<S3StorageOptions>? change = null)
    {
        var bucket = S3TestServer.NewBucketName("store");
        _buckets.Add(bucket);
        var options = S3TestServer.Options(bucket);
        change?.Invoke(options);
        var store = new S3ObjectStore(Options.Create(options), TimeProvider.System, NullLogger<S3ObjectStore>.Instance);
        _stores.Add(store);
        return (store, bucket);
    }

    private static async Task UploadInPartsAsync(S3ObjectStore store, string key, byte[] file)
    {
        var uploadId = await store.StartMultipartAsync(key, CancellationToken.None);
        var count = Math.Max(1, (int)((file.Length + store.PartSize - 1) / store.PartSize));
        for (var n = 1; n <= count; n++)
        {
            var from = (int)((n - 1) * store.PartSize);
            await PutPresignedAsync(store, key, uploadId, n, file[from..(int)Math.Min(file.Length, from + store.PartSize)]);
        }
        await store.CompleteMultipartAsync(key, uploadId, count, Xxh64.HashHex(file), CancellationToken.None);
    }

    private static async Task PutPresignedAsync(S3ObjectStore store, string key, string uploadId, int number, byte[] part)
    {
        var url = store.GetPartTarget(key, uploadId, number, TimeSpan.FromMinutes(10)).PresignedUrl!;
        using var response = await Http.PutAsync(url, new ByteArrayContent(part));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    private async Task<byte[]> DownloadWithAwsCliAsync(string bucket, string key)
    {
        var target = _folder!.File(Guid.NewGuid().ToString("N"));
        await S3TestServer.AwsAsync("s3", "cp", "--only-show-errors", $"s3://{bucket}/{key}", target);
        return await File.ReadAllBytesAsync(target);
    }

    private static async Task<string[]> ListKeysWithAwsCliAsync(string bucket)
    {
        var json = await S3TestServer.AwsAsync("s3api", "list-objects-v2", "--bucket", bucket, "--output", "json");
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("Contents", out var contents)
            ? contents.EnumerateArray().Select(c => c.GetProperty("Key").GetString()!).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
