using Mam.Workers.Jobs;

namespace Mam.Workers.Pipeline;

/// <summary>The reconciler as a recurring job, every Pipeline:ReconcileInterval; the rules every
/// recurring job gets (one run at a time across hosts) come from <see cref="RecurringJobRules"/>.</summary>
public sealed class PipelineReconcilerJob(PipelineReconciler reconciler) : IRecurringJob
{
    public const string Id = "pipeline-reconciler";

    public Task RunAsync(CancellationToken cancellationToken) => reconciler.ReconcileAsync(cancellationToken);
}
