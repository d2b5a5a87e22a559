namespace Mam.Catalog.Entities.Notifications;

/// <summary>How far a person has read their notifications: every event up to <see cref="ReadThrough"/>
/// (event ids only grow), plus single events marked read above it (<see cref="NotificationRead"/>).</summary>
public sealed class NotificationState
{
    public Guid PersonId { get; set; }
    public long ReadThrough { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One notification marked read ahead of the rest.</summary>
public sealed class NotificationRead
{
    public Guid PersonId { get; set; }
    public long EventId { get; set; }
}
