using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Contracts;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline.Registry;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>
/// The one way to change what the pipeline does to clips already in it: run stages again, rebuild
/// renditions missing from storage. Each request is recorded with its reason and who asked
/// (<see cref="PipelineOperation"/>); nothing else edits stage rows. One asset is handled at once;
/// a card or project is queued as a job that goes through its clips in batches, recording progress.
/// </summary>
public sealed class PipelineOperations(
    IDbContextFactory<CatalogDbContext> catalog,
    OperationBatches batches,
    JobStore jobs,
    IJobFilterProvider filters,
    TimeProvider clock)
{
    public async Task<PipelineOperation> StartAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = await RecordAsync(request, cancellationToken).ConfigureAwait(false);
        if (operation.AssetId is not null)
        {
            return await batches.RunAsync(operation.Id, cancellationToken).ConfigureAwait(false);
        }

        await jobs.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var client = new BackgroundJobClient(jobs.Storage, filters);
        var id = operation.Id;
        client.Create(Job.FromExpression<PipelineOperationJob>(j => j.RunAsync(id, CancellationToken.None)), new EnqueuedState());
        return operation;
    }

    public async Task<PipelineOperation?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.PipelineOperations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<List<PipelineOperation>> ListAsync(Guid? assetId, string? project, int take, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.PipelineOperations.AsNoTracking();
        if (assetId is { } id)
        {
            query = query.Where(o => o.AssetId == id);
        }
        if (!string.IsNullOrEmpty(project))
        {
            query = query.Where(o => o.Project == project);
        }
        return await query.OrderByDescending(o => o.RequestedAt).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<PipelineOperation> RecordAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new OperationRefusedException("Say why (\"reason\"): it is kept with the operation, for whoever wonders later why the clips changed.");
        }
        if (reason.Length > Limits.OperationReasonLength)
        {
            throw new OperationRefusedException($"The reason is {reason.Length} characters; keep it to {Limits.OperationReasonLength}.");
        }
        var stages = request.Kind == OperationKind.Rerun ? StagesOf(request.Stages) : [];
        var scopes = (request.AssetId is null ? 0 : 1) + (string.IsNullOrWhiteSpace(request.Project) ? 0 : 1);
        if (scopes != 1 || (!string.IsNullOrWhiteSpace(request.Card) && string.IsNullOrWhiteSpace(request.Project)))
        {
            throw new OperationRefusedException("Name either one asset (\"asset\"), or a project (\"project\", optionally with its \"card\").");
        }

        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var operation = new PipelineOperation
        {
            Id = Guid.NewGuid(),
            Kind = request.Kind,
            Status = OperationStatus.Queued,
            AssetId = request.AssetId,
            Project = string.IsNullOrWhiteSpace(request.Project) ? null : request.Project.Trim(),
            Card = string.IsNullOrWhiteSpace(request.Card) ? null : request.Card.Trim(),
            Stages = request.Kind == OperationKind.Rerun
                ? string.Join(",", stages.Select(s => s.Value))
                : string.Join(",", StageRegistry.All.Where(s => s.Outputs.Count > 0).Select(s => s.Name.Value)),
            Reason = reason,
            RequestedBy = request.RequestedBy,
            RequestedAt = now,
            UpdatedAt = now,
        };
        operation.Total = await OperationScope.Clips(db, operation).CountAsync(cancellationToken).ConfigureAwait(false);
        if (operation.Total == 0)
        {
            throw new OperationRefusedException(
                operation.AssetId is { } id ? $"There is no asset {id}."
                : operation.Card is { } card ? $"Project '{operation.Project}' has no card '{card}' with clips."
                : $"There is no project '{operation.Project}' with clips.", notFound: true);
        }
        db.PipelineOperations.Add(operation);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return operation;
    }

    private static List<StageName> StagesOf(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            throw new OperationRefusedException($"Name the stages to run again (\"stages\"): {Known()}.");
        }
        var stages = new List<StageName>();
        foreach (var name in names)
        {
            stages.Add((StageRegistry.Find(name) ?? throw new OperationRefusedException($"Unknown stage '{name}'. Stages: {Known()}.")).Name);
        }
        return stages.Distinct().ToList();
    }

    private static string Known() => string.Join(", ", StageRegistry.All.Select(s => s.Name.Slug));
}
