using System.IO.Hashing;
using System.Net;
using Ingest.Agent.Api;
using Mam.Contracts.Uploads;
using Mam.Integrity.Hashing;
using Mam.Storage;
using Mam.Storage.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WireMock.Server;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Mam.Tests.Storage;

/// <summary>
/// Storage:S3:StoreChecksums = Xxh64 against a named stand-in of the one AWS S3 behaviour it relies on
/// (WireMock.Net; Ceph RGW 16 ignores x-amz-checksum-* headers, so only a stand-in can refuse): an upload
/// or part whose <c>x-amz-checksum-xxhash64</c> does not match the bytes is answered 400 BadDigest. The
/// stand-in knows the one value that matches the test's bytes and refuses any other, as AWS would refuse
/// bytes that changed on the way. With the option off no checksum header is sent at all.
/// </summary>
[TestFixture]
public sealed class StoreChecksumTests
{
    private const string Bucket = "mam-checksums";
    private const string Key = "projects/Feature/cards/A001/Clips/A001C001.mov";
    private static readonly byte[] Known = Bytes(70_000, 1);
    private WireMockServer _s3 = null!;

    /// <summary>What AWS expects: base64 of the 8 bytes of the xxh64, big-endian (computed here independently of the store).</summary>
    private static string Expected(byte[] bytes) => Convert.ToBase64String(XxHash64.Hash(bytes));

    [SetUp]
    public void StartStandIn()
    {
        _s3 = WireMockServer.Start();
        _s3.Given(Request.Create().UsingHead().WithPath($"/{Bucket}", $"/{Bucket}/")).RespondWith(Response.Create().WithStatusCode(200));
        _s3.Given(Request.Create().UsingPost().WithPath($"/{Bucket}/*").WithParam("uploads"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/xml").WithBody(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><InitiateMultipartUploadResult><Bucket>{Bucket}</Bucket><Key>k</Key><UploadId>stand-in-upload</UploadId></InitiateMultipartUploadResult>"));
        // The checksum of the known bytes: accepted. Any other checksum: BadDigest. None at all: accepted (AWS checks only what it is given).
        _s3.Given(Request.Create().UsingPut().WithPath($"/{Bucket}/*").WithHeader(StoreChecksum.Header, Expected(Known))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", "\"stand-in-etag\"").WithHeader(StoreChecksum.Header, Expected(Known)));
        _s3.Given(Request.Create().UsingPut().WithPath($"/{Bucket}/*").WithHeader(StoreChecksum.Header, "*")).AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/xml").WithBody(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>BadDigest</Code><Message>The XXHASH64 you specified did not match the calculated checksum.</Message></Error>"));
        _s3.Given(Request.Create().UsingPut().WithPath($"/{Bucket}/*")).AtPriority(3)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("ETag", "\"stand-in-etag\""));
    }

    [TearDown]
    public void StopStandIn() => _s3.Dispose();

    private S3ObjectStore Store(StoreChecksums checksums) => new(Options.Create(new S3StorageOptions
    {
        ServiceUrl = _s3.Url!,
        Region = "us-east-1",
        AccessKey = "stand-in",
        SecretKey = "stand-in-secret",
        Bucket = Bucket,
        MaxRetryAttempts = 0,
        StoreChecksums = checksums,
    }), TimeProvider.System, NullLogger<S3ObjectStore>.Instance);

    private List<WireMock.Logging.ILogEntry> Sent(string method) =>
        _s3.LogEntries.Where(e => string.Equals(e.RequestMessage.Method, method, StringComparison.OrdinalIgnoreCase)
            && e.RequestMessage.Path.TrimEnd('/') != "/" + Bucket).ToList();

    private static string? Header(WireMock.Logging.ILogEntry entry, string name) =>
        entry.RequestMessage.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    [Test]
    public async Task On_AnUploadIsCreatedWithXxhash64_AndAPartThroughTheApi_CarriesItsXxh64_WhichTheStoreAccepts()
    {
        using var store = Store(StoreChecksums.Xxh64);

        var uploadId = await store.StartMultipartAsync(Key, CancellationToken.None);
        await store.PutPartAsync(Key, uploadId, 1, new MemoryStream(Known), Known.Length, CancellationToken.None);

        var created = Sent("POST").ShouldHaveSingleItem();
        Header(created, "x-amz-checksum-algorithm").ShouldBe("XXHASH64");
        Header(created, "x-amz-checksum-type").ShouldBe("COMPOSITE", "XXHASH64 cannot be combined across parts: the object's checksum is one of part checksums");
        var part = Sent("PUT").ShouldHaveSingleItem();
        Header(part, StoreChecksum.Header).ShouldBe(Expected(Known));
        part.ResponseMessage.StatusCode.ShouldBe(200);
    }

    [Test]
    public async Task On_APartTheStoreRefusesWithBadDigest_IsAClearError_SayingNothingWasStored()
    {
        using var store = Store(StoreChecksums.Xxh64);
        var uploadId = await store.StartMultipartAsync(Key, CancellationToken.None);
        var changed = (byte[])Known.Clone();
        changed[500] ^= 0x40;

        var refused = await Should.ThrowAsync<StoreRefusedBytesException>(() => store.PutPartAsync(Key, uploadId, 1, new MemoryStream(changed), changed.Length, CancellationToken.None));

        refused.Message.ShouldContain($"The store refused part 1 of '{Key}'");
        refused.Message.ShouldContain("BadDigest");
        refused.Message.ShouldContain("Nothing was stored; send it again.");
    }

    [Test]
    public async Task On_AOneRequestUpload_CarriesTheWholeFilesXxh64AsTakenOnSet()
    {
        using var store = Store(StoreChecksums.Xxh64);

        await store.PutAsync(Key, new MemoryStream(Known), Xxh64.HashHex(Known), CancellationToken.None);

        Header(Sent("PUT").ShouldHaveSingleItem(), StoreChecksum.Header).ShouldBe(Expected(Known));
    }

    [Test]
    public async Task On_APresignedPartUrl_SignsThePartsChecksumAsAHeader_TheAgentSendsIt_AndTheStoresBadDigestReachesTheAgentInItsWords()
    {
        using var store = Store(StoreChecksums.Xxh64);
        var uploadId = await store.StartMultipartAsync(Key, CancellationToken.None);
        store.GetPartTarget(Key, uploadId, 1, TimeSpan.FromHours(1)).PresignedUrl.ShouldBeNull("without the part's hash, the part goes through the API");

        var target = store.GetPartTarget(Key, uploadId, 1, TimeSpan.FromHours(1), Xxh64.HashHex(Known));
        var wrong = store.GetPartTarget(Key, uploadId, 1, TimeSpan.FromHours(1), Xxh64.HashHex(Bytes(10, 9)));

        target.PresignedUrl!.Query.ShouldContain("X-Amz-SignedHeaders=host%3Bx-amz-checksum-xxhash64");
        target.PresignedUrl.Query.ShouldNotContain("checksum-xxhash64=", Case.Insensitive, "a checksum left in the query string is not checked by AWS");
        target.Headers.ShouldNotBeNull()[StoreChecksum.Header].ShouldBe(Expected(Known));
        using var agent = new MamApiClient(new MamApiSettings(new Uri("http://127.0.0.1:1/"), "unused", 0, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10)));
        var part = new UploadPartView(1, Known.Length, false, "/api/uploads/x/parts/1", "xxh64");
        await agent.PutPartAsync(part, Known, Xxh64.HashHex(Known), "Clips/A001C001.mov", CancellationToken.None, target.PresignedUrl.ToString(), target.Headers);
        Header(Sent("PUT").Last(), StoreChecksum.Header).ShouldBe(Expected(Known));

        var refused = await Should.ThrowAsync<MamApiException>(() =>
            agent.PutPartAsync(part, Known, Xxh64.HashHex(Known), "Clips/A001C001.mov", CancellationToken.None, wrong.PresignedUrl!.ToString(), wrong.Headers));
        refused.StatusCode.ShouldBe(400);
        refused.Problem!.Title.ShouldBe("BadDigest");
        refused.Message.ShouldContain("upload part 1 of Clips/A001C001.mov: the object store answered 400 BadDigest: The XXHASH64 you specified did not match");
    }

    [Test]
    public async Task Off_NoChecksumHeaderIsSent_AndPartUrlsAreSignedForTheHostOnly()
    {
        using var store = Store(StoreChecksums.None);

        var uploadId = await store.StartMultipartAsync(Key, CancellationToken.None);
        await store.PutPartAsync(Key, uploadId, 1, new MemoryStream(Known), Known.Length, CancellationToken.None);
        await store.PutAsync(Key, new MemoryStream(Known), Xxh64.HashHex(Known), CancellationToken.None);
        var target = store.GetPartTarget(Key, uploadId, 1, TimeSpan.FromHours(1));

        Header(Sent("POST").ShouldHaveSingleItem(), "x-amz-checksum-algorithm").ShouldBeNull();
        Sent("PUT").Count.ShouldBe(2);
        Sent("PUT").ShouldAllBe(e => Header(e, StoreChecksum.Header) == null);
        target.PresignedUrl!.Query.ShouldContain("X-Amz-SignedHeaders=host&");
        target.Headers.ShouldBeNull();
        ((IMultipartObjectStore)store).ChecksPartHashes.ShouldBeFalse();
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
