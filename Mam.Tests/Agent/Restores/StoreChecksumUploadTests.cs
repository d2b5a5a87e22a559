using Mam.Storage;
using Mam.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Tests.Agent.Restores;

/// <summary>The agent uploading a card to a MAM whose store is set to check part checksums
/// (Storage:S3:StoreChecksums = Xxh64), on the real Ceph RGW: each part is hashed, addressed with a URL
/// signed for its checksum, and sent straight to the store; RGW ignores the checksum itself but checks
/// the signature, so a wrong or missing header would fail the upload here.</summary>
[TestFixture]
[Category("Integration")]
public sealed class StoreChecksumUploadTests() : TempFolderTest("store-checksums")
{
    [Test]
    public async Task Offload_WithStoreChecksumsOn_UploadsEveryFileToRgw_ByteForByte()
    {
        await using var bed = await RestoreTestBed.StartAsync(Temp, s3: true, new Dictionary<string, string> { ["Storage:S3:StoreChecksums"] = "Xxh64" });

        await bed.IngestAsync();

        var store = bed.Api.Services.GetRequiredService<IObjectStore>();
        foreach (var path in SampleCard.Files(bed.OffloadedCard).Where(p => !p.StartsWith("ascmhl/", StringComparison.Ordinal) && !p.EndsWith(".DS_Store", StringComparison.Ordinal)))
        {
            await using var stored = await store.OpenReadAsync(bed.Key(path), CancellationToken.None);
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            copy.ToArray().ShouldBe(File.ReadAllBytes(Path.Combine(bed.OffloadedCard, path)), path);
        }
    }
}
