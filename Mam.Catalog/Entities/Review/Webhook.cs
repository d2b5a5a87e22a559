namespace Mam.Catalog.Entities.Review;

/// <summary>Another system told about a project's events (a tracker, a chat bot, a render farm),
/// signed as the Standard Webhooks spec says (https://www.standardwebhooks.com/).</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public required string Url { get; set; }

    /// <summary>The signing secret (whsec_…), encrypted with the server's data-protection keys.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>Event kinds sent (comment, mention, approval, gate-advanced); empty: all.</summary>
    public List<string> Events { get; set; } = [];

    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum DeliveryState
{
    Pending,
    Delivered,

    /// <summary>Every attempt failed; kept, and can be sent again by hand.</summary>
    Failed,
}

/// <summary>One event for one endpoint: each attempt's outcome, and when the next is due.</summary>
public sealed class WebhookDelivery
{
    /// <summary>Also the message id the receiver sees (webhook-id): the same on every attempt, so it can drop repeats.</summary>
    public Guid Id { get; set; }

    public Guid EndpointId { get; set; }
    public long EventId { get; set; }
    public ProjectEvent? Event { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }

    /// <summary>A sender working on it holds it until then (several API instances share the work).</summary>
    public DateTime? ClaimedUntil { get; set; }
}
