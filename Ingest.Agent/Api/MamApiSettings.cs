namespace Ingest.Agent.Api;

/// <summary>Where and how the agent talks to the MAM API.</summary>
/// <param name="MaxRetries">Retries after the first attempt for transient failures; 0 disables retrying.</param>
/// <param name="RetryBaseDelay">First backoff delay; doubles per retry, with jitter.</param>
public sealed record MamApiSettings(Uri BaseAddress, string Token, int MaxRetries, TimeSpan Timeout, TimeSpan RetryBaseDelay)
{
    public const int DefaultMaxRetries = 4;

    /// <summary>Parts of one file sent at once: enough to keep a store busy over a high-latency link.</summary>
    public const int DefaultPartsInFlight = 4;

    /// <summary>Per request, upload included: generous because one request streams a whole clip.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>No single wait between retries is longer: the default 4 retries wait about 15 s in all, 20 about 8 minutes.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    public int PartsInFlight { get; init; } = DefaultPartsInFlight;
}
