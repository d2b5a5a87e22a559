using Hangfire;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>A card's or project's operation, run by whichever host's job server takes it. Hangfire runs
/// it again if that host dies; the operation then continues from the clips it had not reached.</summary>
public sealed class PipelineOperationJob(OperationBatches batches)
{
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(Guid operationId, CancellationToken cancellationToken) => batches.RunAsync(operationId, cancellationToken);
}
