using Mam.Catalog.Entities;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mam.Workers.Telemetry;

/// <summary>The MAM's own spans and instruments, by name. Other libraries' sources the exporter
/// listens to are in <see cref="TelemetryServiceCollectionExtensions"/>.</summary>
public static class MamTelemetry
{
    /// <summary>ActivitySource and Meter name of the MAM's own spans and metrics.</summary>
    public const string Name = "Mam";

    public static ActivitySource Source { get; } = new(Name);

    public const string StageDuration = "mam.stage.duration";
    public const string StagesPending = "mam.stage.pending";
    public const string BytesVerified = "mam.bytes.verified";

    /// <summary>Tag values in lower case, as OpenTelemetry's conventions write them.</summary>
    public static string TagValue<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static string TagValue(StageName stage) => stage.Value.ToLowerInvariant();
}

/// <summary>Stage durations and verified bytes, created through the host's <see cref="IMeterFactory"/>
/// (so each host, and each test's host, has its own meter). Recording costs next to nothing when no
/// exporter listens.</summary>
public sealed class MamMetrics
{
    private readonly Histogram<double> _stageDuration;
    private readonly Counter<long> _bytesVerified;

    public MamMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MamTelemetry.Name);
        _stageDuration = meter.CreateHistogram<double>(MamTelemetry.StageDuration, "s",
            "How long a pipeline stage ran for one clip, by stage and outcome.");
        _bytesVerified = meter.CreateCounter<long>(MamTelemetry.BytesVerified, "By",
            "Bytes whose xxh64 the server checked against the agent's when an upload completed, by outcome (match, mismatch).");
    }

    public void StageRan(string stage, string outcome, TimeSpan elapsed) =>
        _stageDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("mam.stage", stage), new KeyValuePair<string, object?>("mam.outcome", outcome));

    public void BytesVerified(long bytes, bool matched) =>
        _bytesVerified.Add(bytes, new KeyValuePair<string, object?>("mam.outcome", matched ? "match" : "mismatch"));
}
