using System.ComponentModel.DataAnnotations;

namespace Mam.Workers.Messaging;

public enum MessageTransport
{
    /// <summary>Embedded default: messages never leave the process.</summary>
    InMemory,
    /// <summary>Several API and worker processes share durable queues.</summary>
    RabbitMq,
}

/// <summary>Section "Messaging".</summary>
public sealed class MessagingOptions : IValidatableObject
{
    public const string Section = "Messaging";

    public MessageTransport Transport { get; set; } = MessageTransport.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Transport == MessageTransport.RabbitMq && string.IsNullOrWhiteSpace(RabbitMq.Host))
        {
            yield return new ValidationResult("Messaging:RabbitMq:Host is required when Messaging:Transport is RabbitMq.", ["RabbitMq"]);
        }
    }
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";

    /// <summary>Quorum queues survive a broker node loss; RabbitMQ 3.8+ has them.</summary>
    public bool QuorumQueues { get; set; } = true;
}
