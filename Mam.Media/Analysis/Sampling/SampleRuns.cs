using Mam.Media.Analysis.Shots;

namespace Mam.Media.Analysis.Sampling;

/// <summary>Turns what was seen in individual sampled frames into time ranges: the same thing seen in
/// consecutive samples is one finding. Each sample stands for the stretch of its shot around it (up to
/// halfway to the neighbouring samples, and to the cut when there is no neighbour in the shot), since
/// text and objects mostly come and go with the cuts.</summary>
public sealed class SampleRuns
{
    private readonly IReadOnlyList<FrameSample> _samples;
    private readonly IReadOnlyList<Shot> _shots;
    private readonly Dictionary<string, SortedDictionary<int, Sighting>> _byKey = new(StringComparer.Ordinal);

    public SampleRuns(IReadOnlyList<FrameSample> samples, IReadOnlyList<Shot> shots)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(shots);
        _samples = samples;
        _shots = shots;
    }

    /// <summary>Something seen in sample <paramref name="sampleIndex"/>. <paramref name="key"/> says what
    /// counts as "the same thing" in the next sample; the most confident sighting of a run names it.</summary>
    public void Add(int sampleIndex, string key, string label, double confidence, double? value = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_byKey.TryGetValue(key, out var sightings))
        {
            sightings = [];
            _byKey[key] = sightings;
        }
        if (!sightings.TryGetValue(sampleIndex, out var existing) || existing.Confidence < confidence)
        {
            sightings[sampleIndex] = new Sighting(label, confidence, value, detail);
        }
    }

    /// <summary>The keys seen in a sample (to match slightly different OCR readings to an open run).</summary>
    public IEnumerable<string> KeysSeenIn(int sampleIndex) =>
        _byKey.Where(k => k.Value.ContainsKey(sampleIndex)).Select(k => k.Key);

    public IReadOnlyList<ClipFinding> Findings(FindingKind kind, string source)
    {
        var findings = new List<ClipFinding>();
        foreach (var (_, sightings) in _byKey)
        {
            var run = new List<int>();
            foreach (var index in sightings.Keys)
            {
                if (run.Count > 0 && index != run[^1] + 1)
                {
                    findings.Add(ToFinding(kind, source, run, sightings));
                    run.Clear();
                }
                run.Add(index);
            }
            if (run.Count > 0)
            {
                findings.Add(ToFinding(kind, source, run, sightings));
            }
        }
        return findings.OrderBy(f => f.Start).ThenBy(f => f.Label, StringComparer.Ordinal).ToList();
    }

    private ClipFinding ToFinding(FindingKind kind, string source, List<int> run, SortedDictionary<int, Sighting> sightings)
    {
        var best = run.Select(i => sightings[i]).MaxBy(s => s.Confidence)!;
        var (start, _) = Span(run[0]);
        var (_, end) = Span(run[^1]);
        return new ClipFinding(kind, best.Label, Math.Round(start, 3), Math.Round(end, 3), Math.Round(best.Confidence, 3), source, best.Value, best.Detail);
    }

    /// <summary>The stretch of its shot a sample stands for.</summary>
    private (double Start, double End) Span(int index)
    {
        var sample = _samples[index];
        var shot = _shots.FirstOrDefault(s => s.Number == sample.ShotNumber) ?? FramePlan.ShotAt(_shots, sample.Time);
        var start = index > 0 && _samples[index - 1].ShotNumber == sample.ShotNumber
            ? (_samples[index - 1].Time + sample.Time) / 2
            : shot.Start;
        var end = index + 1 < _samples.Count && _samples[index + 1].ShotNumber == sample.ShotNumber
            ? (sample.Time + _samples[index + 1].Time) / 2
            : shot.End;
        return (Math.Min(start, sample.Time), Math.Max(end, sample.Time));
    }

    private sealed record Sighting(string Label, double Confidence, double? Value, string? Detail);
}
