using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ingest.Agent.Offload;
using Ingest.Agent.Verification;

namespace Ingest.Agent.Telemetry;

/// <summary>
/// The agent's spans and metrics, on the runtime's own ActivitySource and Meter: with nothing
/// listening (no OTLP endpoint configured, the usual case on a DIT's cart) they cost next to
/// nothing. <see cref="OtlpExport"/> turns on exporting when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
public static class AgentTelemetry
{
    public const string Name = "Ingest.Agent";
    public const string BytesVerifiedName = "ingest.bytes.verified";

    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> BytesVerified = Meter.CreateCounter<long>(BytesVerifiedName, "By",
        "Bytes proven equal to the source: per destination copy on offload (by --verify mode), per part accepted on upload.");

    /// <summary>A file's verified copies: its size once per destination where it verified.</summary>
    public static void FileOffloaded(OffloadedFile file, VerifyMode verify)
    {
        ArgumentNullException.ThrowIfNull(file);
        var copies = file.Destinations.Count(d => d.Verified);
        if (copies > 0 && BytesVerified.Enabled)
        {
            BytesVerified.Add(file.Size * copies,
                new KeyValuePair<string, object?>("ingest.check", "offload"),
                new KeyValuePair<string, object?>("ingest.verify", verify.ToString().ToLowerInvariant()));
        }
    }

    /// <summary>A part hashed (xxh64) and accepted where it was sent: the API checks the hash on arrival
    /// (a presigned part, with the whole file at completion). A part that failed to send is not counted.</summary>
    public static void PartAccepted(long bytes) =>
        BytesVerified.Add(bytes, new KeyValuePair<string, object?>("ingest.check", "upload"));
}
