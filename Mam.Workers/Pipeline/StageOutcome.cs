using Mam.Catalog.Entities;

namespace Mam.Workers.Pipeline;

/// <summary>What a stage reports back; the runner records it in the catalog.</summary>
public sealed record StageOutcome(StageStatus Status, string? Note, string? Error)
{
    public static StageOutcome Done(string? note = null) => new(StageStatus.Done, note, null);

    public static StageOutcome Skipped(string reason) => new(StageStatus.Skipped, reason, null);

    public static StageOutcome Failed(string error) => new(StageStatus.Failed, null, error);
}

/// <summary>The work of a stage for one asset; which stage it is, and when it runs, is declared in
/// <see cref="Registry.StageRegistry"/>. Implementations decide and build; external programs run
/// through Mam.Media.</summary>
public interface IPipelineStage
{
    Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken);
}

/// <summary>A failure whose message is already fit for a user (no stack trace needed to act on it).</summary>
public sealed class StageFailedException(string message, Exception? inner = null) : Exception(message, inner);
