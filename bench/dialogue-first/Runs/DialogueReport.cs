using Mam.Bench.DialogueFirst.Cards;
using static Mam.Bench.DialogueFirst.DialogueFirstBench;

namespace Mam.Bench.DialogueFirst.Runs;

/// <summary>Prints the run: per clip, per stage, then (a) dialogue-searchable and (b) fully processed as seconds and
/// as a share of the footage's duration, and (b) / (a).</summary>
public static class DialogueReport
{
    public static async Task PrintAsync(TextWriter output, SpokenCard card, DialogueResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(result);
        var zero = result.RegisteredAt;
        double? Since(DateTime? at) => at is { } t ? (t - zero).TotalSeconds : null;
        static string S(double? seconds) => seconds is { } s ? F($"{s,8:0.0}") : "       -";

        var clips = result.Watch.Clips;
        var lines = new List<string>
        {
            "",
            F($"agent: offload + upload + register {result.AgentSeconds:0.0} s; the card was registered {(zero - result.AgentStartedAt).TotalSeconds:0.0} s after the agent started"),
            "",
            "seconds after registration, per clip:",
            F($"  {"clip",-24} {"dialogue",8} {"search",8} {"full",8}  query"),
        };
        lines.AddRange(clips.Select(c => F(
            $"  {c.Clip.FileName,-24} {S(Since(c.DialogueSearchableAt))} {S(Since(c.FoundBySearchAt))} {S(Since(c.FullyProcessedAt))}  \"{c.Clip.Query}\"{(c.Failed ? "  FAILED: " + string.Join(", ", c.Stages.Where(s => s.Status == "failed").Select(s => s.Stage)) : "")}")));
        lines.Add("  dialogue: its index-dialogue stage finished; search: GET /api/search for the query first listed it (polled every 0.5 s);");
        lines.Add("  full: its last stage finished (all done or skipped).");
        lines.Add("");
        lines.Add("per stage (all clips): mean run s, and when the first one started and the last one finished (s after registration):");
        var stages = clips.SelectMany(c => c.Stages).GroupBy(s => s.Stage).ToList();
        foreach (var stage in stages)
        {
            var runs = stage.Where(s => s is { StartedAt: not null, FinishedAt: not null }).Select(s => (s.FinishedAt!.Value - s.StartedAt!.Value).TotalSeconds).ToList();
            var first = stage.Min(s => s.StartedAt);
            var last = stage.Max(s => s.FinishedAt);
            lines.Add(F($"  {stage.Key,-16} {string.Join("/", stage.GroupBy(s => s.Status).Select(g => $"{g.Count()} {g.Key}")),-14} mean {(runs.Count > 0 ? runs.Average() : 0),7:0.0}  first {S(Since(first))}  last {S(Since(last))}"));
        }

        var footage = card.TotalSeconds;
        var dialogue = clips.All(c => c.DialogueSearchableAt is not null) ? Since(clips.Max(c => c.DialogueSearchableAt)) : null;
        var found = clips.All(c => c.FoundBySearchAt is not null) ? Since(clips.Max(c => c.FoundBySearchAt)) : null;
        var full = clips.All(c => c.FullyProcessedAt is not null) ? Since(clips.Max(c => c.FullyProcessedAt)) : null;
        lines.Add("");
        lines.Add(F($"footage: {footage:0} s ({clips.Count} clips x {card.ClipSeconds:0.#} s of 1080p)"));
        lines.Add(F($"(a) card -> every clip dialogue-searchable: {S(dialogue)} s = {Share(dialogue, footage)} x footage   (aim <= 0.5 on 2 cores)"));
        lines.Add(F($"    ... and found by GET /api/search:        {S(found)} s = {Share(found, footage)} x footage"));
        lines.Add(F($"(b) card -> every clip fully processed:     {S(full)} s = {Share(full, footage)} x footage   (baseline: dialogue searchable only then)"));
        lines.Add(dialogue is > 0 && full is { } b
            ? F($"(b) / (a): {b / dialogue.Value:0.00}x sooner searchable by dialogue than the baseline")
            : "(b) / (a): not measured (a clip never became searchable or never finished)");
        lines.Add(F($"search finds {result.SearchFindsAtEnd} of {clips.Count} clips by their words once everything has settled"));
        if (result.CpuSeconds is { } cpu && full is > 0)
        {
            lines.Add(F($"CPU of Mam.Api + embedded workers + tools: {cpu:0} s = {cpu / full.Value:0.00} cores of {Environment.ProcessorCount} over (b); {cpu / footage:0.00} CPU-s per s of footage"));
        }
        lines.Add($"machine until (a): {result.DialogueLoad}");
        lines.Add($"machine until (b): {result.FullLoad}");
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Share(double? seconds, double footage) => seconds is { } s ? F($"{s / footage:0.00}") : "-";
}
