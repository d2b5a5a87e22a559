using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Contracts;
using Mam.Workers.Jobs;
using Mam.Workers.Pipeline.Registry;
using Mam.Workers.Reindexing;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Pipeline.Operations;

/// <summary>
/// The one way to change what the pipeline does to clips already in it: run stages again, rebuild
/// renditions missing from storage, write clips into the search index again. Each request is recorded
/// with its reason and who asked (<see cref="PipelineOperation"/>); nothing else edits stage rows. One
/// asset is handled at once; a card or project is queued as a job that goes through its clips in
/// batches, recording progress; a re-index is the search re-index job, which reports to the record.
/// </summary>
public sealed class PipelineOperations(
    IDbContextFactory<CatalogDbContext> catalog,
    OperationBatches batches,
    JobStore jobs,
    IJobFilterProvider filters,
    ReindexJobs reindexes,
    OperationRecords records,
    TimeProvider clock)
{
    public async Task<PipelineOperation> StartAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Kind == OperationKind.Reindex)
        {
            var reindex = await StartReindexAsync(request, cancellationToken).ConfigureAwait(false);
            return reindex.Operation ?? throw new OperationRefusedException($"A re-index is already queued or running (job {reindex.Run.Id}).");
        }
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

    /// <summary>Queues a re-index of every clip, or of one project's (the search re-index job), recorded
    /// as an operation the job reports its progress to. One at a time: while one is queued or running,
    /// nothing is recorded and the answer is that run.</summary>
    /// <returns>The operation, or null with the run going on.</returns>
    /// <exception cref="OperationRefusedException">No reason; an asset or card named; a blank project
    /// name; no project of that name (NotFound).</exception>
    public async Task<(PipelineOperation? Operation, ReindexRun Run)> StartReindexAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = ReasonOf(request);
        if (request.AssetId is not null || request.Card is not null)
        {
            throw new OperationRefusedException("A re-index covers every clip, or one project's (\"project\"); not an asset or a card.");
        }
        if (request.Project is not null && string.IsNullOrWhiteSpace(request.Project))
        {
            throw new OperationRefusedException("The project name is blank; name a project, or leave it out to re-index every clip.");
        }

        PipelineOperation? operation = null;
        try
        {
            var (run, started) = await reindexes.StartAsync(request.Project, async (total, token) =>
            {
                // None is queued or running now: a record still saying so was left behind.
                await records.CloseLeftOverAsync(OperationKind.Reindex,
                    "Its job is no longer queued or running (deleted on the jobs dashboard, or the catalog was unreachable when it ended).", token).ConfigureAwait(false);
                var now = clock.GetUtcNow().UtcDateTime;
                operation = new PipelineOperation
                {
                    Id = Guid.NewGuid(),
                    Kind = OperationKind.Reindex,
                    Status = OperationStatus.Queued,
                    Project = request.Project?.Trim(),
                    Stages = "",
                    Reason = reason,
                    RequestedBy = request.RequestedBy,
                    RequestedAt = now,
                    UpdatedAt = now,
                    Total = total,
                };
                await using var db = await catalog.CreateDbContextAsync(token).ConfigureAwait(false);
                db.PipelineOperations.Add(operation);
                await db.SaveChangesAsync(token).ConfigureAwait(false);
                return operation.Id;
            }, cancellationToken).ConfigureAwait(false);
            return (started ? operation : null, run);
        }
        catch (ReindexRefusedException refused)
        {
            throw new OperationRefusedException(refused.Message, notFound: true);
        }
        catch (Exception e) when (operation is not null)
        {
            // Recorded, but the job store did not take the job: the record must not wait for it.
            await records.EndAsync(operation.Id, OperationStatus.Failed, $"The re-index could not be queued: {e.Message}", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static string ReasonOf(OperationRequest request)
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
        return reason;
    }

    private async Task<PipelineOperation> RecordAsync(OperationRequest request, CancellationToken cancellationToken)
    {
        var reason = ReasonOf(request);
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
