using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Search;
using Mam.Workers.Stages.Indexing;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Reindexing;

/// <summary>Writes every clip of the catalog (or of one project) into the configured search index
/// again, from what the catalog knows: a newly configured cluster or an index with a new mapping is
/// filled without running the pipeline again. Documents are built as the index stage builds them
/// (<see cref="ClipDocuments"/>) and written a batch at a time (one transaction or bulk request each).</summary>
/// <remarks>Idempotent: a clip written twice is replaced whole, so a run stopped half-way is simply run again.</remarks>
public sealed class SearchReindex(IDbContextFactory<CatalogDbContext> catalog, ISearchIndex index, TimeProvider time)
{
    /// <summary>Clips per catalog read and per index write: a few MB of documents at most.</summary>
    public const int DefaultBatchSize = 200;

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <param name="project">Null for every clip.</param>
    /// <exception cref="ReindexRefusedException">No project of that name, or a blank one.</exception>
    public async Task<ReindexPlan> PlanAsync(string? project, CancellationToken cancellationToken)
    {
        project = ProjectName(project);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var clips = await ClipsOfAsync(db, project, cancellationToken).ConfigureAwait(false);
        var ids = await clips.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ReindexPlan(project, ids);
    }

    /// <summary>How many clips a re-index would write now: one count, without reading their ids (the
    /// job that runs it plans them itself).</summary>
    /// <param name="project">Null for every clip.</param>
    /// <exception cref="ReindexRefusedException">No project of that name, or a blank one.</exception>
    public async Task<int> CountAsync(string? project, CancellationToken cancellationToken)
    {
        project = ProjectName(project);
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var clips = await ClipsOfAsync(db, project, cancellationToken).ConfigureAwait(false);
        return await clips.CountAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IQueryable<Asset>> ClipsOfAsync(CatalogDbContext db, string? project, CancellationToken cancellationToken)
    {
        if (project is null)
        {
            return db.Assets.AsNoTracking();
        }

        if (!await db.Projects.AnyAsync(p => p.Name == project, cancellationToken).ConfigureAwait(false))
        {
            throw new ReindexRefusedException($"There is no project named '{project}' in the catalog.");
        }

        return db.Assets.AsNoTracking().Where(a => a.Card!.Project!.Name == project);
    }

    /// <summary>The project's name as the catalog has it (trimmed); null stays null, every clip.</summary>
    /// <exception cref="ReindexRefusedException">A blank name: a mistake (an empty form field, an unset
    /// variable), which must not re-index every clip.</exception>
    public static string? ProjectName(string? project) => project switch
    {
        null => null,
        _ when string.IsNullOrWhiteSpace(project) => throw new ReindexRefusedException("The project name is blank; name a project, or leave it out to re-index every clip."),
        _ => project.Trim(),
    };

    /// <param name="progress">Told after every batch (and once before the first).</param>
    /// <returns>The final progress: every clip handled, and those the engine refused.</returns>
    /// <exception cref="SearchUnavailableException">The search server went away: the run stops; clips
    /// already written stay written, and running it again finishes the job.</exception>
    public Task<ReindexProgress> RunAsync(ReindexPlan plan, IProgress<ReindexProgress>? progress, CancellationToken cancellationToken) =>
        RunReportingAsync(plan, (value, _) =>
        {
            progress?.Report(value);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary><see cref="RunAsync"/>, awaiting <paramref name="report"/> after every batch (and once
    /// before the first), for progress written somewhere that takes I/O (the catalog).</summary>
    public async Task<ReindexProgress> RunReportingAsync(ReindexPlan plan, Func<ReindexProgress, CancellationToken, Task> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(report);
        var started = time.GetTimestamp();
        var refused = new List<string>();
        var done = 0;
        ReindexProgress Now() => new(plan.Project, plan.AssetIds.Count, done, refused.ToList(), time.GetElapsedTime(started));

        await index.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await report(Now(), cancellationToken).ConfigureAwait(false);
        foreach (var batch in plan.AssetIds.Chunk(BatchSize))
        {
            await using (var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                // A clip deleted since the plan was made is simply not there any more.
                var assets = await ClipDocuments.Clips(db).Where(a => batch.Contains(a.Id))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                var documents = await ClipDocuments.BuildAsync(db, assets, cancellationToken).ConfigureAwait(false);
                await WriteAsync(documents, refused, cancellationToken).ConfigureAwait(false);
            }

            done += batch.Length;
            await report(Now(), cancellationToken).ConfigureAwait(false);
        }

        return Now();
    }

    /// <summary>One write for the batch; if the engine refuses a document, each clip on its own, so
    /// one odd clip costs only itself.</summary>
    private async Task WriteAsync(IReadOnlyList<AssetDocument> documents, List<string> refused, CancellationToken cancellationToken)
    {
        try
        {
            await index.IndexAssetsAsync(documents, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (IsRefusal(e))
        {
            // Fall through: find out which clips.
        }

        foreach (var document in documents)
        {
            try
            {
                await index.IndexAssetAsync(document, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsRefusal(e))
            {
                refused.Add($"{document.ClipName} ({document.Project}): {e.Message}");
            }
        }
    }

    /// <summary>A document the engine will not take (the index's rules, or the cluster's mapping);
    /// anything else (an unavailable server, a refused key) ends the run.</summary>
    private static bool IsRefusal(Exception e) => e is ArgumentException or SearchDocumentRefusedException;
}
