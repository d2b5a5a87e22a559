using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Catalog.Entities.Restores;
using Mam.Contracts.Restores;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Restores;

/// <summary>What a restore request names, found in the catalog: the project, the files in it, and for
/// a range the clip and its timecodes. A card's ascmhl/ history travels with any part of it.</summary>
public sealed record RestoreScope(
    Guid ProjectId,
    string Project,
    RestoreScopeKind Kind,
    string Description,
    Guid? CardId,
    Guid? AssetId,
    ClipRange? Range,
    IReadOnlyList<ScopedFile> Files);

/// <param name="CutPath">For the clip of a range: the cut's path on the card.</param>
public sealed record ScopedFile(CardFile File, string CardName, string? CutPath = null);

/// <summary>Resolves <see cref="RestoreRequest"/>; every refusal is a problem the archivist can act on.
/// Cards and clips the caller cannot read answer as missing, ones they can read but not restore 403.</summary>
public sealed class RestoreScopes(IDbContextFactory<CatalogDbContext> catalog, ProjectGuard guard)
{
    private const string HistoryFolder = "ascmhl/";

    public async Task<(RestoreScope? Scope, ProblemHttpResult? Problem)> ResolveAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var named = (Card: !string.IsNullOrWhiteSpace(request.Card), Assets: request.Assets is { Count: > 0 }, Range: request.Asset is not null);
        if ((named.Card ? 1 : 0) + (named.Assets ? 1 : 0) + (named.Range ? 1 : 0) != 1)
        {
            return (null, ApiProblems.Invalid(
                "Name exactly one thing to restore: \"card\" (its id, or its name with \"project\"), \"assets\" (clip ids), or \"asset\" with \"from\" and \"to\" timecodes."));
        }
        if (request.ThroughputMiBps is <= 0 or > 1_000_000)
        {
            return (null, ApiProblems.Invalid("\"throughputMiBps\" must be more than 0 (MiB/s)."));
        }
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return named.Card ? await CardAsync(db, request, cancellationToken).ConfigureAwait(false)
            : named.Assets ? await AssetsAsync(db, request.Assets!, cancellationToken).ConfigureAwait(false)
            : await RangeAsync(db, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(RestoreScope?, ProblemHttpResult?)> CardAsync(CatalogDbContext db, RestoreRequest request, CancellationToken cancellationToken)
    {
        var cardText = request.Card!.Trim();
        var query = db.Cards.AsNoTracking().Include(c => c.Project);
        Card? card;
        if (Guid.TryParse(cardText, out var cardId))
        {
            card = await query.SingleOrDefaultAsync(c => c.Id == cardId, cancellationToken).ConfigureAwait(false);
        }
        else if (string.IsNullOrWhiteSpace(request.Project))
        {
            return (null, ApiProblems.Invalid($"\"{cardText}\" is not a card id: name the card's project too (\"project\"), or give the card's id."));
        }
        else
        {
            var project = request.Project.Trim();
            card = await query.SingleOrDefaultAsync(c => c.Name == cardText && c.Project!.Name == project, cancellationToken).ConfigureAwait(false);
        }
        var missing = ApiProblems.NotFound(request.Project is null ? $"There is no card {cardText}." : $"There is no card '{cardText}' in project '{request.Project.Trim()}'.");
        if (card is null)
        {
            return (null, missing);
        }
        if (await guard.CheckAsync(card.ProjectId, card.Project!.Name, Right.Restore, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return (null, refused.StatusCode == StatusCodes.Status404NotFound ? missing : refused);
        }
        var files = await db.CardFiles.AsNoTracking().Where(f => f.CardId == card.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return (new RestoreScope(card.ProjectId, card.Project.Name, RestoreScopeKind.Card, $"card {card.Name}", card.Id, null, null,
            files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).Select(f => new ScopedFile(f, card.Name)).ToList()), null);
    }

    private async Task<(RestoreScope?, ProblemHttpResult?)> AssetsAsync(CatalogDbContext db, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        foreach (var id in distinct)
        {
            if (await guard.CheckAssetAsync(id, Right.Restore, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return (null, refused);
            }
        }
        var assets = await db.Assets.AsNoTracking().Include(a => a.Card!).ThenInclude(c => c.Project)
            .Where(a => distinct.Contains(a.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var projects = assets.Select(a => a.Card!.ProjectId).Distinct().ToList();
        if (projects.Count > 1)
        {
            return (null, ApiProblems.Invalid("These clips belong to different projects; restore each project's clips separately."));
        }
        var cardIds = assets.Select(a => a.CardId).Distinct().ToList();
        var files = await db.CardFiles.AsNoTracking()
            .Where(f => (f.AssetId != null && distinct.Contains(f.AssetId.Value)) || (cardIds.Contains(f.CardId) && EF.Functions.Like(f.RelativePath, HistoryFolder + "%")))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var cards = assets.Select(a => a.Card!).DistinctBy(c => c.Id).ToDictionary(c => c.Id);
        var project = assets[0].Card!.Project!;
        var description = assets.Count == 1 ? $"clip {assets[0].ClipName}" : $"{assets.Count} clips";
        return (new RestoreScope(project.Id, project.Name, RestoreScopeKind.Assets, description, cardIds.Count == 1 ? cardIds[0] : null, null, null,
            files.OrderBy(f => cards[f.CardId].Name, StringComparer.Ordinal).ThenBy(f => f.RelativePath, StringComparer.Ordinal)
                .Select(f => new ScopedFile(f, cards[f.CardId].Name)).ToList()), null);
    }

    private async Task<(RestoreScope?, ProblemHttpResult?)> RangeAsync(CatalogDbContext db, RestoreRequest request, CancellationToken cancellationToken)
    {
        var id = request.Asset!.Value;
        if (await guard.CheckAssetAsync(id, Right.Restore, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return (null, refused);
        }
        var asset = await db.Assets.AsNoTracking().Include(a => a.Card!).ThenInclude(c => c.Project).Include(a => a.SourceFile)
            .SingleAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
        if (ClipRange.TryRead(asset.ClipName, asset.Technical, request.From, request.To, out var problem) is not { } range)
        {
            return (null, ApiProblems.Invalid(problem!));
        }
        var card = asset.Card!;
        var others = await db.CardFiles.AsNoTracking()
            .Where(f => (f.AssetId == id && f.Role == FileRole.Sidecar) || (f.CardId == card.Id && EF.Functions.Like(f.RelativePath, HistoryFolder + "%")))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var source = asset.SourceFile!;
        var files = new List<ScopedFile> { new(source, card.Name, range.CutPath(source.RelativePath)) };
        files.AddRange(others.OrderBy(f => f.RelativePath, StringComparer.Ordinal).Select(f => new ScopedFile(f, card.Name)));
        return (new RestoreScope(card.ProjectId, card.Project!.Name, RestoreScopeKind.Range, $"{asset.ClipName} from {range.From} to {range.To}",
            card.Id, asset.Id, range, files), null);
    }
}
