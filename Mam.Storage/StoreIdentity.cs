using Mam.Storage.S3;
using Microsoft.Extensions.Options;

namespace Mam.Storage;

/// <summary>The store as the archivist's copies view names it: its configured name (Storage:Name),
/// the storage class new originals get, and where it is, in words (never a secret).</summary>
public sealed record StoreIdentity(string Name, string? StorageClass, string Description)
{
    public static StoreIdentity From(StorageOptions storage, S3StorageOptions? s3) =>
        storage.Provider == StorageProvider.S3 && s3 is not null
            ? new(storage.Name, OriginalsClass(s3),
                $"S3 bucket {s3.Bucket}{(string.IsNullOrEmpty(s3.KeyPrefix) ? "" : "/" + s3.KeyPrefix)} at {(string.IsNullOrWhiteSpace(s3.ServiceUrl) ? "AWS " + s3.Region : s3.ServiceUrl)}")
            : new(storage.Name, null, $"folder {storage.RootPath}");

    private static string OriginalsClass(S3StorageOptions s3) =>
        !string.IsNullOrWhiteSpace(s3.Tiers.Originals.StorageClass) ? s3.Tiers.Originals.StorageClass
        : !string.IsNullOrWhiteSpace(s3.StorageClass) ? s3.StorageClass
        : "STANDARD";

    internal static StoreIdentity Resolve(IServiceProvider services, IOptions<StorageOptions> storage) =>
        From(storage.Value, storage.Value.Provider == StorageProvider.S3 ? (services.GetService(typeof(IOptions<S3StorageOptions>)) as IOptions<S3StorageOptions>)?.Value : null);
}
