namespace Mam.Workers.Pipeline.Registry;

/// <summary>Run <paramref name="Stage"/> of a clip. Generic over the handler so each handler has a
/// queue of its own (a long proxy never queues a transcript behind it); the stage name tells handlers
/// that serve two stages which one is meant. A trigger only: the outcome lives in the catalog.</summary>
public sealed record RunStage<THandler>(Guid AssetId, string Stage) where THandler : class, IPipelineStage;
