using System.Globalization;
using Mam.Catalog;
using Mam.Catalog.Entities;
using Mam.Media.Analysis;
using Mam.Media.Analysis.Qc;
using Mam.Storage.Originals;
using Mam.Workers.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace Mam.Workers.Stages.Analysis;

/// <summary>Shots, on-screen text and slates, objects and faces, and QC for one clip. Its tags replace
/// the asset's previous ones in one transaction, so a re-run never doubles them and a reader never
/// sees half a set.</summary>
public sealed class AnalyseStage(
    IDbContextFactory<CatalogDbContext> catalog,
    OriginalCache originals,
    ClipAnalyser analyser,
    AnalysisReadiness readiness) : IPipelineStage
{

    public async Task<StageOutcome> RunAsync(Guid assetId, CancellationToken cancellationToken)
    {
        // Before the clip is even fetched: a machine without Node or tesseract fails every clip the same
        // way, and the message says what to install rather than where it crashed.
        if (readiness.Problems() is { Count: > 0 } problems)
        {
            throw new StageFailedException(string.Join(' ', problems));
        }

        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var asset = await StageCatalog.LoadAssetAsync(db, assetId, cancellationToken).ConfigureAwait(false);
        var technical = StageCatalog.TechnicalOf(asset);
        var facts = new ClipFacts(
            technical.DurationSeconds ?? 0,
            technical.VideoCodec is not null,
            technical.AudioStreams > 0,
            technical.FrameRateNumerator is { } n && technical.FrameRateDenominator is { } d && d > 0 ? (double)n / d : null);
        if (!facts.HasVideo && !facts.HasAudio)
        {
            return StageOutcome.Skipped("The clip has neither picture nor sound.");
        }

        ClipAnalysis analysis;
        try
        {
            await using var original = await originals.OpenAsync(asset.SourceFile!.StorageKey, asset.SourceFile.Size, asset.SourceFile.Xxh64, cancellationToken).ConfigureAwait(false);
            analysis = await analyser.AnalyseAsync(original.Path, facts, cancellationToken).ConfigureAwait(false);
        }
        catch (AnalysisUnavailableException ex)
        {
            throw new StageFailedException(ex.Message, ex);
        }

        var rows = analysis.Findings.Select(f => new ClipTag
        {
            Id = Guid.NewGuid(),
            AssetId = assetId,
            Kind = ToTagKind(f.Kind),
            Label = Fit(f.Label, 512)!,
            Start = f.Start,
            End = f.End,
            Confidence = f.Confidence,
            Source = Fit(f.Source, 64)!,
            Value = f.Value,
            Detail = Fit(f.Detail, 4000),
        }).ToList();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await db.ClipTags.Where(t => t.AssetId == assetId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var tracked = await db.Assets.SingleAsync(a => a.Id == assetId, cancellationToken).ConfigureAwait(false);
            tracked.Qc = new QcReport
            {
                Status = ToQcStatus(analysis.Qc.Level),
                IntegratedLufs = analysis.Qc.IntegratedLufs,
                TruePeakDbtp = analysis.Qc.TruePeakDbtp,
                Summary = analysis.Qc.Summary,
            };
            db.ClipTags.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        return StageOutcome.Done(Note(analysis));
    }

    // The analysis speaks in its own types; a kind added there without a case here fails the build
    // (CS8509: the switches name every member), not a stage at run time. CS8524 is about values no
    // member names (a cast integer), which the analysis never produces.
#pragma warning disable CS8524
    private static TagKind ToTagKind(FindingKind kind) => kind switch
    {
        FindingKind.Shot => TagKind.Shot,
        FindingKind.Text => TagKind.Text,
        FindingKind.Slate => TagKind.Slate,
        FindingKind.Object => TagKind.Object,
        FindingKind.Face => TagKind.Face,
        FindingKind.Qc => TagKind.Qc,
    };

    private static QcStatus ToQcStatus(QcLevel level) => level switch
    {
        QcLevel.Pass => QcStatus.Pass,
        QcLevel.Warning => QcStatus.Warning,
        QcLevel.Fail => QcStatus.Fail,
    };
#pragma warning restore CS8524

    /// <summary>"4 shots · slate scene 12 take 3 · 2 texts · person · 1 face · QC warning", and the notes.</summary>
    private static string Note(ClipAnalysis analysis)
    {
        var f = analysis.Findings;
        int Count(FindingKind kind) => f.Count(t => t.Kind == kind);
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{Count(FindingKind.Shot)} shots") };
        parts.AddRange(f.Where(t => t.Kind == FindingKind.Slate).Select(t => t.Label).Distinct(StringComparer.Ordinal).Select(l => $"slate {l}"));
        if (Count(FindingKind.Text) > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Count(FindingKind.Text)} on-screen texts"));
        }
        parts.AddRange(f.Where(t => t.Kind == FindingKind.Object).Select(t => t.Label).Distinct(StringComparer.Ordinal));
        if (f.Where(t => t.Kind == FindingKind.Face).Select(t => t.Value ?? 0).DefaultIfEmpty(0).Max() is var faces and > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"up to {faces:0} faces"));
        }
        parts.Add($"QC {analysis.Qc.Level.ToString().ToLowerInvariant()}");
        var note = string.Join(" · ", parts);
        return analysis.Notes.Count == 0 ? note : $"{note}. {string.Join(' ', analysis.Notes)}";
    }

    private static string? Fit(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..(max - 1)] + "…" : text;
}
