using Mam.Integrity.Hashing;
using Mam.Storage;

namespace Mam.Tests.Storage;

/// <summary>The resumable-upload half of the contract. Parts go where the store says, as the agent
/// sends them: to a presigned URL with a plain HttpClient (no API key, no SDK), or through
/// <see cref="IMultipartObjectStore.PutPartAsync"/> when the store wants them via the API.</summary>
public abstract class MultipartObjectStoreContract : ObjectStoreContract
{
    private static readonly HttpClient Http = new();

    protected IMultipartObjectStore Multipart => (IMultipartObjectStore)Store;

    [Test]
    public async Task Upload_PartsOutOfOrderThenResumedFromTheListOfParts_CompletesToTheVerifiedObject()
    {
        var file = RandomBytes((2 * PartSizeMiB * MiB) + 777);
        var key = NewKey("Clips/A002C001 – long take.mov");
        Multipart.PartSize.ShouldBe(PartSizeMiB * MiB);
        var uploadId = await Multipart.StartMultipartAsync(key, CancellationToken.None);

        await SendPartAsync(key, uploadId, 3, file);
        await SendPartAsync(key, uploadId, 1, file);
        // The agent was killed here. On restart it asks what arrived and sends only the rest.
        var received = await Multipart.ListPartsAsync(key, uploadId, CancellationToken.None);
        received.ShouldBe(new Dictionary<int, long> { [1] = PartSizeMiB * MiB, [3] = 777 }, ignoreOrder: true);
        (await Store.GetSizeAsync(key, CancellationToken.None)).ShouldBeNull("nothing is visible before completion");
        await SendPartAsync(key, uploadId, 2, file);
        var stored = await Multipart.CompleteMultipartAsync(key, uploadId, 3, Xxh64.HashHex(file), CancellationToken.None);

        stored.ShouldBe(new StoredObject(key, file.Length, Xxh64.HashHex(file)));
        (await ReadAllAsync(key)).ShouldBe(file);
    }

    [Test]
    public async Task Upload_OfASinglePartSmallerThanAPart_Completes()
    {
        var file = RandomBytes(1234);
        var key = NewKey("Sidecars/A002C002.xml");
        var uploadId = await Multipart.StartMultipartAsync(key, CancellationToken.None);

        await SendPartAsync(key, uploadId, 1, file);
        await Multipart.CompleteMultipartAsync(key, uploadId, 1, Xxh64.HashHex(file), CancellationToken.None);

        (await ReadAllAsync(key)).ShouldBe(file);
    }

    [Test]
    public async Task Complete_WithAWrongHash_StoresNothingKeepsTheExistingObjectAndEndsTheUpload()
    {
        var key = NewKey("Clips/A002C003.mov");
        var original = RandomBytes(3000);
        await Store.PutAsync(key, new MemoryStream(original), null, CancellationToken.None);
        var file = RandomBytes(PartSizeMiB * MiB + 10);
        var uploadId = await Multipart.StartMultipartAsync(key, CancellationToken.None);
        await SendPartAsync(key, uploadId, 1, file);
        await SendPartAsync(key, uploadId, 2, file);

        var mismatch = await Should.ThrowAsync<ObjectHashMismatchException>(() =>
            Multipart.CompleteMultipartAsync(key, uploadId, 2, "0123456789abcdef", CancellationToken.None));

        mismatch.Actual.ShouldBe(Xxh64.HashHex(file));
        (await ReadAllAsync(key)).ShouldBe(original);
        (await Multipart.ListPartsAsync(key, uploadId, CancellationToken.None)).ShouldBeEmpty("the upload was aborted");
    }

    [Test]
    public async Task Complete_WithAPartMissing_IsRefusedAndStoresNothing()
    {
        var file = RandomBytes(PartSizeMiB * MiB + 10);
        var key = NewKey("Clips/A002C004.mov");
        var uploadId = await Multipart.StartMultipartAsync(key, CancellationToken.None);
        await SendPartAsync(key, uploadId, 2, file);

        await Should.ThrowAsync<InvalidOperationException>(() =>
            Multipart.CompleteMultipartAsync(key, uploadId, 2, Xxh64.HashHex(file), CancellationToken.None));

        (await Store.GetSizeAsync(key, CancellationToken.None)).ShouldBeNull();
    }

    [Test]
    public async Task Abort_DiscardsThePartsAndStoresNothing()
    {
        var file = RandomBytes(1000);
        var key = NewKey("Clips/A002C005.mov");
        var uploadId = await Multipart.StartMultipartAsync(key, CancellationToken.None);
        await SendPartAsync(key, uploadId, 1, file);

        await Multipart.AbortMultipartAsync(key, uploadId, CancellationToken.None);

        (await Multipart.ListPartsAsync(key, uploadId, CancellationToken.None)).ShouldBeEmpty();
        (await Store.GetSizeAsync(key, CancellationToken.None)).ShouldBeNull();
    }

    [Test]
    public async Task Part_SentTwice_KeepsTheLastCopy()
    {
        var file = RandomBytes(2000);
        var key = NewKey("Clips/A002C006.mov");
        var uploadId = await Multipart.StartMultipartAsync(key, CancellationToken.None);
        await SendPartAsync(key, uploadId, 1, RandomBytes(2000));

        await SendPartAsync(key, uploadId, 1, file);
        await Multipart.CompleteMultipartAsync(key, uploadId, 1, Xxh64.HashHex(file), CancellationToken.None);

        (await ReadAllAsync(key)).ShouldBe(file);
    }

    [Test]
    public async Task UploadId_ThatTheStoreDidNotIssue_IsRefused()
    {
        var key = NewKey("Clips/A002C007.mov");

        await Should.ThrowAsync<InvalidObjectKeyException>(() =>
            Multipart.ListPartsAsync(key, "../../etc", CancellationToken.None));
    }

    /// <summary>Sends part <paramref name="number"/> of <paramref name="file"/> (cut at PartSize) the way the agent does.</summary>
    protected async Task SendPartAsync(string key, string uploadId, int number, byte[] file)
    {
        var offset = (int)Math.Min((long)(number - 1) * Multipart.PartSize, file.Length);
        var length = (int)Math.Min(Multipart.PartSize, file.Length - offset);
        var part = file.AsMemory(offset, length).ToArray();
        var target = Multipart.GetPartTarget(key, uploadId, number, TimeSpan.FromMinutes(15));
        if (target.PresignedUrl is { } url)
        {
            url.IsAbsoluteUri.ShouldBeTrue();
            using var response = await Http.PutAsync(url, new ByteArrayContent(part));
            response.IsSuccessStatusCode.ShouldBeTrue($"PUT part {number}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else
        {
            await Multipart.PutPartAsync(key, uploadId, number, new MemoryStream(part, writable: false), part.Length, CancellationToken.None);
        }
    }
}
