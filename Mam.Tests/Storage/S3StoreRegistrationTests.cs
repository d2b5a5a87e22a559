using Mam.Storage;
using Mam.Storage.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Storage;

/// <summary>AddS3ObjectStore without a server: what it registers and which settings it refuses.</summary>
[TestFixture]
public sealed class S3StoreRegistrationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Storage:S3:ServiceUrl"] = "http://127.0.0.1:9000",
        ["Storage:S3:AccessKey"] = "key",
        ["Storage:S3:SecretKey"] = "secret",
        ["Storage:S3:Bucket"] = "mam-originals",
    };

    [Test]
    public void AddS3ObjectStore_RegistersOneStoreForPlainAndMultipartUse_WithTheDocumentedDefaults()
    {
        using var provider = Build(Valid);

        var store = provider.GetRequiredService<IObjectStore>();
        store.ShouldBeOfType<S3ObjectStore>();
        provider.GetRequiredService<IMultipartObjectStore>().ShouldBeSameAs(store);
        var options = provider.GetRequiredService<IOptions<S3StorageOptions>>().Value;
        options.ForcePathStyle.ShouldBeTrue();
        options.ChecksumMode.ShouldBe(S3ChecksumMode.WhenRequired);
        options.Region.ShouldBe("us-east-1");
        options.StoreChecksums.ShouldBe(StoreChecksums.None, "RGW 16 ignores x-amz-checksum-*; AWS users turn it on");
        ((IMultipartObjectStore)store).ChecksPartHashes.ShouldBeFalse();
        ((IMultipartObjectStore)store).PartSize.ShouldBe(16 * 1024 * 1024);
        store.TryGetLocalPath("projects/p/cards/c/a.mov").ShouldBeNull();
    }

    [TestCase("Storage:S3:Bucket", "", "Bucket")]
    [TestCase("Storage:S3:Bucket", "Not_A_Bucket", "Bucket")]
    [TestCase("Storage:S3:PartSizeMiB", "4", "PartSizeMiB")]
    [TestCase("Storage:S3:AccessKey", "", "AccessKey")]
    [TestCase("Storage:S3:ServiceUrl", "not a url", "ServiceUrl")]
    public void AddS3ObjectStore_WithAnInvalidSetting_FailsValidationNamingIt(string setting, string value, string named)
    {
        using var provider = Build(new Dictionary<string, string?>(Valid) { [setting] = value });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<S3StorageOptions>>().Value);

        error.Message.ShouldContain(named);
    }

    [Test]
    public void Tiers_WithAClassPerKindAndATransitionForOriginals_AreAccepted()
    {
        using var provider = Build(new Dictionary<string, string?>(Valid)
        {
            ["Storage:S3:Tiers:Originals:StorageClass"] = "STANDARD_IA",
            ["Storage:S3:Tiers:Originals:TransitionAfterDays"] = "0",
            ["Storage:S3:Tiers:Originals:TransitionTo"] = "DEEP_ARCHIVE",
            ["Storage:S3:Tiers:Renditions:StorageClass"] = "GLACIER_IR",
        });

        var tiers = provider.GetRequiredService<IOptions<S3StorageOptions>>().Value.Tiers;

        tiers.Originals.TransitionTo.ShouldBe("DEEP_ARCHIVE");
        tiers.Proxies.StorageClass.ShouldBeNull();
    }

    [Test]
    public void ATransitionToTheClassEveryObjectIsWrittenIn_IsRefused()
    {
        using var provider = Build(new Dictionary<string, string?>(Valid)
        {
            ["Storage:S3:StorageClass"] = "STANDARD_IA",
            ["Storage:S3:Tiers:Originals:TransitionAfterDays"] = "30",
            ["Storage:S3:Tiers:Originals:TransitionTo"] = "STANDARD_IA",
        });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<S3StorageOptions>>().Value);

        error.Message.ShouldContain("Storage:S3:Tiers:Originals:TransitionTo is STANDARD_IA, the class these objects are written in already");
    }

    [TestCase("projects/P/cards/C/clip.mov", StoredKind.Original)]
    [TestCase("renditions/3f0c2a9e-0000-0000-0000-000000000001/proxy/proxy.mp4", StoredKind.Proxy)]
    [TestCase("renditions/3f0c2a9e-0000-0000-0000-000000000001/poster/poster.jpg", StoredKind.Rendition)]
    [TestCase("restores/3f0c2a9e-0000-0000-0000-000000000001/A001/clip.mov", StoredKind.Other)]
    public void KindOf_ReadsTheKindFromTheKeysLayout(string key, StoredKind kind) => ObjectKeys.KindOf(key).ShouldBe(kind);

    public void StoreChecksums_Xxh64_IsTakenInAnyCase_AndAnAlgorithmItDoesNotKnow_IsRefusedNamingTheSetting()
    {
        using (var on = Build(new Dictionary<string, string?>(Valid) { ["Storage:S3:StoreChecksums"] = "xxh64" }))
        {
            on.GetRequiredService<IOptions<S3StorageOptions>>().Value.StoreChecksums.ShouldBe(StoreChecksums.Xxh64);
            ((IMultipartObjectStore)on.GetRequiredService<IObjectStore>()).ChecksPartHashes.ShouldBeTrue();
        }
        using var unknown = Build(new Dictionary<string, string?>(Valid) { ["Storage:S3:StoreChecksums"] = "Sha256" });

        var error = Should.Throw<InvalidOperationException>(() => unknown.GetRequiredService<IOptions<S3StorageOptions>>().Value);

        (error.Message + error.InnerException?.Message).ShouldContain("StoreChecksums");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddS3ObjectStore(configuration).BuildServiceProvider();
    }
}
