using System.Globalization;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Workers.Audit;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Storage.Replicas;
using Mam.Workers.Fixity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Mam.Api.Archive;

/// <summary>The archivist's 3-2-1 view of a project, and its fixity checks as CSV or PREMIS.</summary>
public static class CopiesEndpoints
{
    /// <summary>Which files the list shows.</summary>
    private static readonly string[] Shows = ["all", "below-minimum", "failed", "unchecked"];

    public static IEndpointRouteBuilder MapCopiesEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects/{project}").WithTags("Archive");
        projects.MapGet("/copies", GetAsync).RequireAuthorization(Policies.Read)
            .WithSummary("Copies per original: where (stores, on-set drives, restores), last verified, failures, files below Fixity:MinimumCopies")
            .WithDescription("show: all (default), below-minimum, failed or unchecked; take 1-500 files per page (default 100); next is the following page.");
        projects.MapGet("/fixity-checks", FixityExport.ExportAsync).RequireAuthorization(Policies.Read).Audited(AuditActions.Export)
            .WithSummary("Every fixity check of the project's copies, as CSV (format=csv, default) or PREMIS 3 XML events (format=premis)");
        return app;
    }

    private static async Task<Results<Ok<ProjectCopiesView>, ProblemHttpResult>> GetAsync(
        string project, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, NamedStores stores, IOptions<FixityOptions> options,
        CancellationToken cancellationToken, string show = "all", int take = 100, int skip = 0)
    {
        if (await guard.CheckByNameAsync(project, Right.Read, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        if (!Shows.Contains(show))
        {
            return ApiProblems.Invalid($"show must be one of {string.Join(", ", Shows)}.");
        }
        if (take is < 1 or > 500 || skip < 0)
        {
            return ApiProblems.Invalid("take must be between 1 and 500, and skip 0 or more.");
        }
        var minimum = options.Value.MinimumCopies;
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var files = db.CardFiles.AsNoTracking().Where(f => f.Card!.Project!.Name == project);
        var perFile = files.Select(f => new
        {
            File = f,
            Copies = db.FileCopies.Count(c => c.CardFileId == f.Id),
            Failed = db.FileCopies.Any(c => c.CardFileId == f.Id && (c.LastOutcome == FixityOutcome.Damaged || c.LastOutcome == FixityOutcome.Missing)),
            Unchecked = db.FileCopies.Any(c => c.CardFileId == f.Id && c.Kind == CopyKind.Store && c.LastCheckedAt == null)
                || !db.FileCopies.Any(c => c.CardFileId == f.Id && c.Kind == CopyKind.Store),
        });

        var count = await files.CountAsync(cancellationToken).ConfigureAwait(false);
        var bytes = count == 0 ? 0 : await files.SumAsync(f => f.Size, cancellationToken).ConfigureAwait(false);
        var below = await perFile.CountAsync(f => f.Copies < minimum, cancellationToken).ConfigureAwait(false);
        var failed = await perFile.CountAsync(f => f.Failed, cancellationToken).ConfigureAwait(false);
        var neverChecked = await perFile.CountAsync(f => f.Unchecked, cancellationToken).ConfigureAwait(false);

        var locations = await db.FileCopies.AsNoTracking().Where(c => c.CardFile!.Card!.Project!.Name == project)
            .GroupBy(c => new { c.Kind, c.Location })
            .Select(g => new
            {
                g.Key.Kind,
                g.Key.Location,
                Copies = g.Count(),
                Intact = g.Count(c => c.LastOutcome == FixityOutcome.Intact),
                Damaged = g.Count(c => c.LastOutcome == FixityOutcome.Damaged),
                Missing = g.Count(c => c.LastOutcome == FixityOutcome.Missing),
                NeverChecked = g.Count(c => c.LastCheckedAt == null),
                Oldest = g.Min(c => c.LastCheckedAt),
                Newest = g.Max(c => c.LastCheckedAt),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var listed = show switch
        {
            "below-minimum" => perFile.Where(f => f.Copies < minimum),
            "failed" => perFile.Where(f => f.Failed),
            "unchecked" => perFile.Where(f => f.Unchecked),
            _ => perFile,
        };
        var page = await listed.OrderBy(f => f.File.Card!.Name).ThenBy(f => f.File.RelativePath)
            .Skip(skip).Take(take + 1)
            .Select(f => new { f.File.Id, f.File.CardId, Card = f.File.Card!.Name, f.File.RelativePath, f.File.AssetId, f.File.Size, f.File.Xxh64, f.Copies })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var more = page.Count > take;
        page = page.Take(take).ToList();
        var ids = page.Select(p => p.Id).ToList();
        var copies = (await db.FileCopies.AsNoTracking().Where(c => ids.Contains(c.CardFileId)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(c => c.CardFileId);

        var view = new ProjectCopiesView(
            project, minimum, count, bytes, below, failed, neverChecked,
            locations.OrderBy(l => l.Kind).ThenBy(l => l.Location, StringComparer.Ordinal)
                .Select(l => new CopyLocationView(Word(l.Kind), l.Location, l.Kind == CopyKind.Store ? stores.Describe(l.Location) : null,
                    l.Copies, l.Intact, l.Damaged, l.Missing, l.NeverChecked, l.Oldest, l.Newest)).ToList(),
            page.Select(p => new FileCopiesView(p.CardId, p.Card, p.RelativePath, p.AssetId, p.Size, p.Xxh64, p.Copies,
                copies[p.Id].OrderBy(c => c.Kind).ThenBy(c => c.Location, StringComparer.Ordinal)
                    .Select(c => new CopyView(Word(c.Kind), c.Location, c.Key, c.StorageClass, c.LastCheckedAt, c.LastOutcome?.ToString().ToLowerInvariant(), c.LastCheckedBy)).ToList())).ToList(),
            more ? string.Create(CultureInfo.InvariantCulture, $"/api/projects/{Uri.EscapeDataString(project)}/copies?show={show}&take={take}&skip={skip + take}") : null);
        return TypedResults.Ok(view);
    }

    internal static string Word(CopyKind kind) => kind switch
    {
        CopyKind.OnSet => "on-set",
        CopyKind.Store => "store",
        _ => "restored",
    };
}
