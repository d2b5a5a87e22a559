using System.Security.Cryptography;

namespace Mam.Integrity.Hashing;

/// <summary>SHA-256, lowercase hex. Not an ASC MHL format (an MHL never names it); the server records it
/// beside the on-set xxh64 for tools and certificates that know only SHA-256.</summary>
public static class Sha256
{
    public const string Name = "sha256";

    public static IContentHasher CreateHasher() => new BclHasher(Name, HashAlgorithmName.SHA256);
}
