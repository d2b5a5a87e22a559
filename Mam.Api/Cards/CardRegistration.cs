using Mam.Api.Uploads;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Contracts.Cards;
using Mam.Contracts.Messages;
using Mam.Integrity.Cards;
using Mam.Storage;
using System.Globalization;
using Mam.Workers.Activity;
using Mam.Workers.Pipeline;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Cards;

public abstract record RegistrationResult
{
    public sealed record Created(RegisterCardResponse Response) : RegistrationResult;
    /// <summary>The same card, with the same files and hashes, was registered before (an agent retry).</summary>
    public sealed record AlreadyRegistered(RegisterCardResponse Response) : RegistrationResult;
    public sealed record Conflict(string Detail) : RegistrationResult;
    public sealed record MissingUploads(string Detail) : RegistrationResult;
    /// <summary>The manifest lists a hash the file's verified upload did not prove.</summary>
    public sealed record UnprovenHashes(string Detail) : RegistrationResult;
}

/// <summary>Turns a validated manifest into a card, its files, its assets and their pending stages —
/// in one transaction, so a failure leaves nothing behind — then starts the pipeline.</summary>
public sealed class CardRegistration(
    IDbContextFactory<CatalogDbContext> catalog,
    IObjectStore store,
    StoreIdentity storeIdentity,
    IPublishEndpoint publisher,
    TimeProvider clock,
    ActivitySignal signal,
    ILogger<CardRegistration> logger)
{
    public async Task<RegistrationResult> RegisterAsync(RegisterCardRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = request.Project!;
        var files = request.Files!;

        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.Cards.Include(c => c.Files).Include(c => c.Assets).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Project!.Name == project && c.Name == request.Name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            if (!SameManifest(existing, files))
            {
                return new RegistrationResult.Conflict($"Project '{project}' already has a card named '{request.Name}' with different files. Give this card another name.");
            }
            // The same card again (an upload from a shuttle drive): its destination is one more copy.
            await CardCopies.AddAsync(db, existing, request.Destinations, storeIdentity, clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new RegistrationResult.AlreadyRegistered(ToResponse(existing));
        }

        var verified = await VerifiedUploads.OfCardAsync(db, project, request.Name!, cancellationToken).ConfigureAwait(false);
        var unproven = files.Select(f => (File: f, Proven: verified.GetValueOrDefault(ObjectKeys.Original(project, request.Name!, f.Path!))))
            .Where(f => f.Proven.Xxh64 is not null && f.Proven.Size == f.File.Size && !string.Equals(f.Proven.Xxh64, f.File.Hashes!["xxh64"], StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (unproven.Count > 0)
        {
            var (file, proven) = unproven[0];
            return new RegistrationResult.UnprovenHashes(
                $"'{file.Path}' was uploaded and verified as xxh64 {proven.Xxh64}, but the manifest lists {file.Hashes!["xxh64"].ToLowerInvariant()}" +
                (unproven.Count > 1 ? $" ({unproven.Count - 1} more file(s) likewise)" : "") +
                "; nothing was registered. A file counts as stored only with the hash its upload proved: list that hash, or upload the file again if the manifest is right.");
        }

        var missing = await FindMissingUploadsAsync(project, request.Name!, files, verified, cancellationToken).ConfigureAwait(false);
        if (missing.Count > 0)
        {
            return new RegistrationResult.MissingUploads(
                $"{missing.Count} file(s) are not in storage with the listed size, e.g. '{missing[0]}'. Upload every file before registering the card.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var projectId = await EnsureProjectAsync(project, now, cancellationToken).ConfigureAwait(false);

        var card = NewCard(request, projectId, now);
        db.Cards.Add(card);
        await CardCopies.AddAsync(db, card, request.Destinations, storeIdentity, now, cancellationToken).ConfigureAwait(false);
        await ProjectEvents.AddAsync(db, signal, projectId, "card-offloaded", null, request.Dit is { Length: > 0 } dit ? dit : "ingest",
            string.Create(CultureInfo.InvariantCulture, $"Card {card.Name} offloaded{(request.Dit is { Length: > 0 } by ? " by " + by : "")}: {card.Assets.Count} clip(s), {card.Files.Count} file(s), {card.Files.Sum(f => f.Size) / 1e9:0.##} GB"),
            now, cancellationToken).ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException ex)
        {
            // Two registrations of the same card raced; the unique index let exactly one through.
            logger.LogWarning(ex, "Card {Card} of {Project} could not be saved", request.Name, project);
            return new RegistrationResult.Conflict($"Card '{request.Name}' of project '{project}' was registered at the same moment by another request.");
        }

        await StartPipelineAsync(card, cancellationToken).ConfigureAwait(false);
        return new RegistrationResult.Created(ToResponse(card));
    }

    /// <summary>The project's id, creating the project on its first card. Two cards of a new project
    /// registered at the same moment both get here; the unique name lets one insert win and the
    /// other reads the winner's row.</summary>
    private async Task<Guid> EnsureProjectAsync(string name, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var id = await db.Projects.Where(p => p.Name == name).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (id is { } existing)
            {
                return existing;
            }
            var project = new Project { Id = Guid.NewGuid(), Name = name, CreatedAt = now };
            db.Projects.Add(project);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return project.Id;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Lost the race to create it: the next pass reads the winner's row.
            }
        }
    }

    /// <summary>Files with no verified upload of the listed size, or whose object is no longer in the store.</summary>
    private async Task<List<string>> FindMissingUploadsAsync(string project, string card, IReadOnlyList<CardFileManifest> files,
        Dictionary<string, (long Size, string Xxh64)> verified, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var file in files)
        {
            var key = ObjectKeys.Original(project, card, file.Path!);
            if (!verified.TryGetValue(key, out var proven) || proven.Size != file.Size ||
                await store.GetSizeAsync(key, cancellationToken).ConfigureAwait(false) != file.Size)
            {
                missing.Add(file.Path!);
            }
        }
        return missing;
    }

    private static Card NewCard(RegisterCardRequest request, Guid projectId, DateTime now)
    {
        var card = new Card
        {
            Id = Guid.NewGuid(),
            ProjectId = projectId,
            Name = request.Name!,
            Camera = request.Camera,
            Roll = request.Roll,
            Dit = request.Dit,
            SourceVolume = request.SourceVolume,
            OffloadedAt = (request.OffloadedAt ?? now).UtcDateTime,
            RegisteredAt = now,
        };

        var clips = CardLayout.Clips(request.Files!.Select(f => f.Path!));
        var roles = new Dictionary<string, FileRole>(StringComparer.Ordinal);
        foreach (var clip in clips)
        {
            roles[clip.Essence] = FileRole.Clip;
            clip.Parts.ToList().ForEach(p => roles[p] = FileRole.Part);
            clip.Sidecars.ToList().ForEach(p => roles[p] = FileRole.Sidecar);
        }
        foreach (var manifest in request.Files!)
        {
            card.Files.Add(new CardFile
            {
                Id = Guid.NewGuid(),
                CardId = card.Id,
                RelativePath = manifest.Path!,
                Size = manifest.Size,
                Xxh64 = manifest.Hashes!["xxh64"].ToLowerInvariant(),
                OtherHashes = manifest.Hashes.Where(h => h.Key != "xxh64").ToDictionary(h => h.Key, h => h.Value),
                StorageKey = ObjectKeys.Original(request.Project!, card.Name, manifest.Path!),
                Role = roles.GetValueOrDefault(manifest.Path!, FileRole.Other),
            });
        }

        var byPath = card.Files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        foreach (var clip in clips)
        {
            var essence = byPath[clip.Essence];
            var asset = new Asset
            {
                Id = Guid.NewGuid(),
                CardId = card.Id,
                ClipName = clip.Name,
                SourceFileId = essence.Id,
                CreatedAt = now,
                Stages = PipelinePlan.NewStages(Guid.Empty, now),
            };
            asset.Stages.ForEach(s => s.AssetId = asset.Id);
            foreach (var path in clip.Files)
            {
                byPath[path].AssetId = asset.Id;
            }
            card.Assets.Add(asset);
        }
        return card;
    }

    /// <summary>Publishing is best effort: if the bus is down the stages stay pending in the catalog
    /// and the reconciler publishes them later.</summary>
    private async Task StartPipelineAsync(Card card, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var asset in card.Assets)
            {
                await publisher.Publish(new AssetRegistered(asset.Id), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not publish the pipeline start of card {Card}; the reconciler will retry", card.Name);
        }
    }

    private static bool SameManifest(Card existing, IReadOnlyList<CardFileManifest> files)
    {
        var stored = existing.Files.ToDictionary(f => f.RelativePath, StringComparer.Ordinal);
        return stored.Count == files.Count && files.All(f =>
            stored.TryGetValue(f.Path!, out var e) && e.Size == f.Size &&
            string.Equals(e.Xxh64, f.Hashes!["xxh64"], StringComparison.OrdinalIgnoreCase));
    }

    private static RegisterCardResponse ToResponse(Card card) =>
        new(card.Id, card.Assets.OrderBy(a => a.ClipName, StringComparer.Ordinal).Select(a => new RegisteredAsset(a.Id, a.ClipName)).ToList());
}
