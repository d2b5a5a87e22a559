using System.Globalization;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Mam.Catalog.Model;
using Mam.Contracts.Cards;
using Mam.Integrity.Hashing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Cards;

/// <summary>
/// <c>POST /api/cards/{project}/{card}/verifications</c>: the agent's <c>verify</c> of a card's copy on
/// set (a RAID, a shuttle drive), which the server cannot read itself. Each file becomes that copy's
/// last check and a fixity-check event, like an audit's, so the 3-2-1 view and the PREMIS export show
/// it; a mismatch or a missing file marks the copy failed. Paths the card does not have are answered
/// back and nothing else is lost.
/// </summary>
internal static class CardVerifications
{
    /// <summary>The tool named when the report does not say (an older agent, a script).</summary>
    public const string DefaultCheckedBy = "ingest-agent verify";

    /// <summary>A card of 100,000 files is reported whole.</summary>
    public const int MaxFiles = 200_000;

    private const int NoteLength = 1000;
    private const int DigestLength = 128;

    public static async Task<Results<Ok<CardVerificationResponse>, ProblemHttpResult>> RecordAsync(
        string project, string card, CardVerificationReport report, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // Before the report is read: someone without the right learns nothing from its errors.
        if (await guard.CheckByNameAsync(project, Right.Ingest, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        if (Problem(report) is { } invalid)
        {
            return ApiProblems.Invalid(invalid);
        }

        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var found = await db.Cards.AsNoTracking().Where(c => c.Project!.Name == project && c.Name == card).Select(c => (Guid?)c.Id)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (found is not { } cardId)
        {
            return ApiProblems.NotFound($"There is no card '{card}' in '{project}': register the card (upload it) before reporting a verification of its copies.");
        }

        var location = report.Location!.Trim();
        var files = await db.CardFiles.AsNoTracking().Where(f => f.CardId == cardId)
            .Select(f => new { f.Id, f.RelativePath, f.Xxh64, f.OtherHashes })
            .ToDictionaryAsync(f => f.RelativePath, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var ids = files.Values.Select(f => f.Id).ToList();
        var copies = await db.FileCopies.Where(c => c.Kind == CopyKind.OnSet && c.Location == location && ids.Contains(c.CardFileId))
            .ToDictionaryAsync(c => c.CardFileId, cancellationToken).ConfigureAwait(false);

        var now = clock.GetUtcNow().UtcDateTime;
        // A clock on set that runs ahead must not make a check look newer than the server's own.
        var at = report.CheckedAt is { } reported && reported.UtcDateTime <= now ? reported.UtcDateTime : now;
        var checkedBy = string.IsNullOrWhiteSpace(report.CheckedBy) ? DefaultCheckedBy : report.CheckedBy.Trim();
        var unknown = new List<string>();
        int intact = 0, failed = 0;
        foreach (var line in report.Files!.DistinctBy(f => f.Path, StringComparer.Ordinal))
        {
            if (!files.TryGetValue(line.Path!, out var file))
            {
                unknown.Add(line.Path!);
                continue;
            }
            var algorithm = line.Algorithm ?? HashFormats.Xxh64;
            var expected = algorithm == HashFormats.Xxh64 ? file.Xxh64 : file.OtherHashes.GetValueOrDefault(algorithm);
            var digest = line.Digest?.Trim().ToLowerInvariant();
            var (outcome, note) = line.Outcome switch
            {
                VerificationOutcomes.Missing => (FixityOutcome.Missing, line.Detail),
                VerificationOutcomes.Mismatch => (FixityOutcome.Damaged, line.Detail),
                // The agent compares with the card's own history; the catalog holds the hash taken on set. Trust the hashes.
                _ when expected is not null && digest is not null && !string.Equals(expected, digest, StringComparison.OrdinalIgnoreCase)
                    => (FixityOutcome.Damaged, $"reported intact, but its {algorithm} {digest} is not the {expected} taken on set"),
                _ => (FixityOutcome.Intact, null),
            };
            if (!copies.TryGetValue(file.Id, out var copy))
            {
                copy = new FileCopy
                {
                    Id = Guid.NewGuid(),
                    CardFileId = file.Id,
                    Kind = CopyKind.OnSet,
                    Location = location,
                    Key = file.RelativePath,
                    AddedAt = now,
                };
                db.FileCopies.Add(copy);
                copies[file.Id] = copy;
            }
            copy.LastCheckedAt = at;
            copy.LastOutcome = outcome;
            copy.LastCheckedBy = checkedBy;
            db.FixityChecks.Add(new FixityCheck
            {
                FileCopyId = copy.Id,
                At = at,
                Outcome = outcome,
                Algorithm = algorithm,
                // Not on record only for a format the card was never hashed in; the check is still kept.
                Expected = expected ?? string.Empty,
                Actual = outcome == FixityOutcome.Missing ? null : digest,
                Agent = checkedBy,
                Note = note is { Length: > NoteLength } longer ? longer[..NoteLength] : note,
            });
            if (outcome == FixityOutcome.Intact)
            {
                intact++;
            }
            else
            {
                failed++;
            }
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CardVerificationResponse(cardId, location, intact + failed, intact, failed, unknown));
    }

    private static string? Problem(CardVerificationReport? report)
    {
        if (report is null)
        {
            return "The body is empty; send the verification as JSON: location, checkedAt, checkedBy and files.";
        }
        if (string.IsNullOrWhiteSpace(report.Location))
        {
            return "A verification needs the location of the copy it checked (machine and folder, e.g. \"dana-mbp:/Volumes/SHUTTLE_01/A001\").";
        }
        if (report.Location.Trim().Length > CopyLimits.Location)
        {
            return string.Create(CultureInfo.InvariantCulture, $"A location may be at most {CopyLimits.Location} characters.");
        }
        if (report.CheckedBy is { Length: > CopyLimits.Agent })
        {
            return string.Create(CultureInfo.InvariantCulture, $"checkedBy may be at most {CopyLimits.Agent} characters.");
        }
        if (report.Files is not { Count: > 0 } files)
        {
            return "A verification lists at least one file.";
        }
        if (files.Count > MaxFiles)
        {
            return string.Create(CultureInfo.InvariantCulture, $"A verification may list at most {MaxFiles} files; this one lists {files.Count}.");
        }
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var which = string.Create(CultureInfo.InvariantCulture, $"files[{i}]");
            if (string.IsNullOrEmpty(file?.Path))
            {
                return $"{which} has no path.";
            }
            if (file.Outcome is not (VerificationOutcomes.Intact or VerificationOutcomes.Mismatch or VerificationOutcomes.Missing))
            {
                return $"{which} ({Mam.Contracts.Names.Printable(file.Path)}): the outcome must be {VerificationOutcomes.Intact}, {VerificationOutcomes.Mismatch} or {VerificationOutcomes.Missing}, not '{Mam.Contracts.Names.Printable(file.Outcome ?? "")}'.";
            }
            if (file.Algorithm is { } algorithm && !HashFormats.IsKnown(algorithm))
            {
                return $"{which} ({Mam.Contracts.Names.Printable(file.Path)}): unknown hash format '{Mam.Contracts.Names.Printable(algorithm)}' (known: {string.Join(", ", HashFormats.All)}).";
            }
            if (file.Digest is { Length: > DigestLength })
            {
                return string.Create(CultureInfo.InvariantCulture, $"{which}: a digest may be at most {DigestLength} characters.");
            }
            if (file.Outcome == VerificationOutcomes.Intact && string.IsNullOrWhiteSpace(file.Digest))
            {
                return $"{which} ({Mam.Contracts.Names.Printable(file.Path)}) is reported intact without the digest it hashed to.";
            }
        }
        return null;
    }
}
