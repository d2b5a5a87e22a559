using Mam.Catalog.Entities.Archive;
using Mam.Integrity.Hashing;
using Mam.Storage.S3;
using Mam.Tests.Support;
using Mam.Workers.Fixity;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Workers.Fixity;

/// <summary>A fixity check of a copy a lifecycle rule moved to an archive tier, against the named
/// stand-in of AWS's GLACIER behaviour (GET answers 403 InvalidObjectState until a copy is restored):
/// the check reads nothing and says so, instead of failing the whole audit; once restored it is read.</summary>
[TestFixture]
public sealed class ArchivedCopyCheckTests
{
    [Test]
    public async Task ACopyInAnArchiveTier_IsNotRead_AndOnceRestored_IsCheckedAsUsual()
    {
        using var archive = ArchiveTierStandIn.Start();
        using var store = new S3ObjectStore(Microsoft.Extensions.Options.Options.Create(archive.Options()), TimeProvider.System, NullLogger<S3ObjectStore>.Instance);
        var bytes = "a master gone cold"u8.ToArray();
        var expected = Xxh64.HashHex(bytes);
        archive.PutArchived("projects/P/cards/C/A001.mov", bytes);

        var archived = await CopyCheck.CheckAsync(store, "projects/P/cards/C/A001.mov", expected, 0, CancellationToken.None);

        archived.InArchiveTier.ShouldBeTrue();
        archived.BytesRead.ShouldBe(0);
        archived.StorageClass.ShouldBe("GLACIER");

        archive.Restore("projects/P/cards/C/A001.mov", DateTimeOffset.UtcNow.AddDays(1));
        var restored = await CopyCheck.CheckAsync(store, "projects/P/cards/C/A001.mov", expected, 0, CancellationToken.None);

        restored.InArchiveTier.ShouldBeFalse();
        restored.Outcome.ShouldBe(FixityOutcome.Intact);
        restored.BytesRead.ShouldBe(bytes.Length);
    }
}
