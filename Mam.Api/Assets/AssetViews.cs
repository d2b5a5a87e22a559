using Mam.Catalog.Entities;
using Mam.Media.Probing;
using Mam.Workers.Pipeline;
using Mam.Workers.Pipeline.Registry;

namespace Mam.Api.Assets;

internal static class AssetViews
{
    /// <summary>The worst of a file's copies' last checks: damaged or missing marks it whatever the others
    /// say; intact when every copy checked out; unchecked while one never was (or there are none).</summary>
    public static string Fixity(IEnumerable<Catalog.Entities.Archive.FixityOutcome?> outcomes)
    {
        var list = outcomes.ToList();
        return list.Contains(Catalog.Entities.Archive.FixityOutcome.Damaged) ? "damaged"
            : list.Contains(Catalog.Entities.Archive.FixityOutcome.Missing) ? "missing"
            : list.Count > 0 && list.All(o => o == Catalog.Entities.Archive.FixityOutcome.Intact) ? "intact"
            : "unchecked";
    }

    /// <summary>A clip's fixity from its files': the worst of them.</summary>
    public static string Fixity(IEnumerable<string> files)
    {
        var list = files.ToList();
        return WorstFirst.FirstOrDefault(list.Contains) ?? (list.Count > 0 ? "intact" : "unchecked");
    }

    private static readonly string[] WorstFirst = ["damaged", "missing", "unchecked"];

    public static string StateOf(Asset asset) => PipelinePlan.StateOf(asset.Stages).ToString().ToLowerInvariant();

    public static IReadOnlyList<StageView> Stages(Asset asset) =>
        asset.Stages.OrderBy(s => Order(s.Stage)).Select(s => new StageView(
            s.Stage.Slug, s.Status.ToString().ToLowerInvariant(), s.Attempts, s.Note, s.LastError, s.StartedAt, s.FinishedAt,
            $"/api/assets/{asset.Id}/stages/{s.Stage.Slug}/retry")).ToList();

    /// <summary>Registry order (the order they run in); a stage this build does not declare goes last.</summary>
    private static int Order(StageName stage)
    {
        var index = StageRegistry.All.Select(s => s.Name).ToList().IndexOf(stage);
        return index < 0 ? int.MaxValue : index;
    }

    public static string RenditionUrl(Guid assetId, RenditionKind kind) => $"/api/assets/{assetId}/{kind.ToString().ToLowerInvariant()}";

    public static QcView? Qc(QcReport? qc) => qc is null ? null : new QcView(
        qc.Status.ToString().ToLowerInvariant(), qc.IntegratedLufs, qc.TruePeakDbtp,
        (qc.Summary ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <param name="sourceFile">The clip's file on the card: its extension tells QuickTime from MP4.</param>
    public static TechnicalView? Technical(TechnicalMetadata? t, string? sourceFile) => t is null ? null : new TechnicalView(
        ContainerNames.Describe(t.Container, sourceFile), t.DurationSeconds,
        t.FrameRateNumerator is { } n && t.FrameRateDenominator is { } d ? (d == 1 ? $"{n}" : $"{n}/{d}") : null,
        t.FrameRateNumerator is { } n2 && t.FrameRateDenominator is { } d2 && d2 != 0 ? Math.Round((double)n2 / d2, 3) : null,
        t.StartTimecode, t.VideoCodec, t.Width, t.Height, t.AudioStreams, t.AudioLayout, t.Container);
}
