namespace Mam.Catalog.Entities.People;

/// <summary>A one-time sign-in link (the first administrator's, printed at first start): only a
/// SHA-256 of its code is kept; used once, then void; expires.</summary>
public sealed class SignInLink
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public required string CodeHash { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
