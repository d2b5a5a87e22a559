namespace Mam.Catalog.Entities.Notifications;

/// <summary>One daily digest mailed to one person: the events after <see cref="AfterEvent"/> up to
/// <see cref="ThroughEvent"/>. The next digest starts after the last one's end, so a job that runs
/// twice sends nothing twice.</summary>
public sealed class DigestSent
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public long AfterEvent { get; set; }
    public long ThroughEvent { get; set; }
    public int Events { get; set; }
    public required string To { get; set; }
    public DateTime SentAt { get; set; }
}
