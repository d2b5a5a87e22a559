using Quartz;

namespace Mam.Workers.Pipeline;

/// <summary>Quartz entry point for the reconciler; one run at a time.</summary>
[DisallowConcurrentExecution]
public sealed class PipelineReconcilerJob(PipelineReconciler reconciler) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await reconciler.ReconcileAsync(cancellationToken).ConfigureAwait(false);
}
