namespace Mam.Storage.S3;

/// <summary>Whether uploads carry the store's own checksum (<c>Storage:S3:StoreChecksums</c>), so the store
/// itself refuses bytes that changed on the way (400 BadDigest) before the MAM reads them back.</summary>
public enum StoreChecksums
{
    /// <summary>No checksum header (the default: Ceph RGW 16 and most S3-compatible stores ignore them).</summary>
    None,

    /// <summary><c>x-amz-checksum-xxhash64</c>, which AWS S3 checks: a one-request upload carries the file's
    /// xxh64 as taken on set; a multipart upload is created with the XXHASH64 algorithm, each part carries
    /// its own xxh64, and the completion lists them. XXHASH64 cannot be combined across parts the way CRCs
    /// can, so the store's checksum of a multipart object is COMPOSITE (a checksum of the part checksums,
    /// "-N"), not the file's xxh64: the MAM still reads the assembled object back and checks that.</summary>
    Xxh64,
}

/// <summary>The header's value: base64 of the hash's 8 bytes, big-endian (the order xxhsum prints in hex).</summary>
public static class StoreChecksum
{
    public const string Header = "x-amz-checksum-xxhash64";

    public static string Base64OfXxh64(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return Convert.ToBase64String(Convert.FromHexString(hex));
    }
}
