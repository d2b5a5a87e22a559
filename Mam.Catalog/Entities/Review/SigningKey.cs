namespace Mam.Catalog.Entities.Review;

/// <summary>A key the server signs approval certificates with. The private half is kept encrypted by
/// the server's data-protection keys (so every API instance signs with the same key and a stolen
/// catalog row alone signs nothing); the public half is published for anyone to verify with.</summary>
public sealed class SigningKey
{
    /// <summary>The key id certificates name (kid): a hash of the public key.</summary>
    public required string Id { get; set; }
    public required string PublicKeyPem { get; set; }
    public required string ProtectedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
}
