using System.ComponentModel.DataAnnotations;

namespace Mam.Api.Review.Webhooks;

/// <summary>Section "Webhooks": how deliveries are retried.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>Waits before each retry; after the last, a delivery is marked failed (it can be sent
    /// again by hand). The default spreads 8 attempts over about a day, so a receiver down for a night
    /// loses nothing.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>How long a receiver may take to answer before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the sender looks for due deliveries written by other API instances.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12)];

    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryDelays.Count > 20 || RetryDelays.Any(d => d <= TimeSpan.Zero || d > TimeSpan.FromDays(7)))
        {
            yield return new ValidationResult($"{Section}:{nameof(RetryDelays)}: at most 20 waits, each more than zero and at most 7 days.", [nameof(RetryDelays)]);
        }
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"{Section}:{nameof(Timeout)} must be more than zero and at most 5 minutes.", [nameof(Timeout)]);
        }
        if (PollInterval < TimeSpan.FromMilliseconds(50) || PollInterval > TimeSpan.FromMinutes(5))
        {
            yield return new ValidationResult($"{Section}:{nameof(PollInterval)} must be from 50 ms to 5 minutes.", [nameof(PollInterval)]);
        }
    }
}
