using Mam.Catalog.Entities;
using Mam.Workers.Stages.Analysis;
using Mam.Workers.Stages.Fingerprints;
using Mam.Workers.Stages.Indexing;
using Mam.Workers.Stages.Probe;
using Mam.Workers.Stages.Proxies;
using Mam.Workers.Stages.Transcripts;
using Mam.Workers.Stages.Waveforms;

namespace Mam.Workers.Pipeline.Registry;

/// <summary>
/// Every stage of the pipeline, declared once. Adding a stage is a folder under Stages/ with its
/// <see cref="IPipelineStage"/> and one line here: new clips get its row, existing clips get it from
/// the backfill, a worker gets its queue and consumer, and the plan its place.
/// </summary>
/// <remarks>The order is the dispatch order when several stages become ready at once. Dialogue comes
/// first: editors search what was said before anything else, so a clip is indexed as soon as its
/// transcript exists and again, with everything, once the analysis is done; and the tools of the
/// stages marked background (proxy, waveform, analysis) yield the CPU to transcription.</remarks>
public static class StageRegistry
{
    public static readonly StageDefinition Probe = StageDefinition.Of<ProbeStage>(
        "Probe", StageWeight.Light, StageReads.Original,
        "reads the clip's technical metadata (ffprobe)");

    public static readonly StageDefinition Transcribe = StageDefinition.Of<TranscribeStage>(
        "Transcribe", StageWeight.Media, StageReads.Original,
        "transcribes the dialogue with word timings", after: [Probe]);

    public static readonly StageDefinition IndexDialogue = StageDefinition.Of<IndexStage>(
        "IndexDialogue", StageWeight.Light, StageReads.Catalog,
        "makes the clip searchable by what is said", after: [Probe, Transcribe]);

    public static readonly StageDefinition Proxy = StageDefinition.Of<ProxyStage>(
        "Proxy", StageWeight.Media, StageReads.Original,
        "makes the proxy, poster and filmstrip", after: [Probe],
        outputs: [RenditionKind.Proxy, RenditionKind.Poster, RenditionKind.Filmstrip], background: true);

    public static readonly StageDefinition Waveform = StageDefinition.Of<WaveformStage>(
        "Waveform", StageWeight.Light, StageReads.Original,
        "draws the audio waveform shown under the player", after: [Probe],
        outputs: [RenditionKind.Waveform], background: true);

    public static readonly StageDefinition Analyse = StageDefinition.Of<AnalyseStage>(
        "Analyse", StageWeight.Media, StageReads.Original | StageReads.Proxy,
        "finds shots, on-screen text, objects, faces and QC issues", after: [Probe, Proxy], background: true);

    public static readonly StageDefinition Index = StageDefinition.Of<IndexStage>(
        "Index", StageWeight.Light, StageReads.Catalog,
        "makes the clip searchable by everything found in it", after: [IndexDialogue, Analyse]);

    /// <summary>Last in the dispatch order (dialogue first); it needs nothing before it, so a clip that
    /// ffprobe cannot read is still checked against its on-set hash.</summary>
    public static readonly StageDefinition Fingerprint = StageDefinition.Of<FingerprintStage>(
        "Fingerprint", StageWeight.Light, StageReads.Original,
        "checks the stored original against the on-set hash and records its SHA-256 (approval certificates carry it)");

    public static IReadOnlyList<StageDefinition> All { get; } = [Probe, Transcribe, IndexDialogue, Proxy, Waveform, Analyse, Index, Fingerprint];

    private static readonly Dictionary<string, StageDefinition> ByName =
        All.ToDictionary(s => s.Name.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>The stage of that name in any case, or as the API shows it ("proxy", "index-dialogue"); or null.</summary>
    public static StageDefinition? Find(string? name) =>
        name is not null && ByName.TryGetValue(name.Replace("-", "", StringComparison.Ordinal), out var stage) ? stage : null;

    public static StageDefinition Get(StageName name) =>
        Find(name.Value) ?? throw new ArgumentOutOfRangeException(nameof(name), name.Value, "This build declares no such stage.");

    public static bool IsDeclared(StageName name) => ByName.ContainsKey(name.Value);

    /// <summary>The stages that write renditions of this kind.</summary>
    public static StageDefinition? MakerOf(RenditionKind kind) => All.FirstOrDefault(s => s.Outputs.Contains(kind));

    /// <summary>Distinct handlers, each with a consumer and a queue.</summary>
    public static IReadOnlyList<Type> Handlers { get; } = All.Select(s => s.Handler).Distinct().ToList();

    /// <summary>"stage-probe", "stage-proxy", "stage-index"…: the queue of a handler's commands.</summary>
    public static string QueueOf(Type handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var name = handler.Name.EndsWith("Stage", StringComparison.Ordinal) ? handler.Name[..^"Stage".Length] : handler.Name;
        return "stage-" + new StageName(name).Slug;
    }
}
