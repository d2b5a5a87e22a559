using System.Globalization;
using Mam.Media.Analysis.Sampling;
using Mam.Media.Analysis.Shots;

namespace Mam.Media.Analysis.Vision;

/// <summary>Collects objects and faces per sampled frame into Object tags (one per group over the time
/// it stays in frame) and Face tags (one per stretch with the same number of faces).</summary>
public sealed class VisionFindings
{
    private readonly SampleRuns _objects;
    private readonly SampleRuns _faces;

    public VisionFindings(IReadOnlyList<FrameSample> samples, IReadOnlyList<Shot> shots)
    {
        _objects = new SampleRuns(samples, shots);
        _faces = new SampleRuns(samples, shots);
    }

    public void Add(FrameSample sample, VisionFrame frame)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(frame);
        foreach (var group in frame.Objects.GroupBy(o => ObjectGroups.GroupOf(o.Label), StringComparer.Ordinal))
        {
            var classes = string.Join(", ", group.Select(o => o.Label.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            var count = group.Count();
            _objects.Add(sample.Index, group.Key, group.Key, group.Max(o => o.Score), count,
                string.Equals(classes, group.Key, StringComparison.Ordinal) ? null : classes);
        }

        var faces = frame.Faces.Count;
        if (faces > 0)
        {
            var label = faces == 1 ? "1 face" : string.Create(CultureInfo.InvariantCulture, $"{faces} faces");
            _faces.Add(sample.Index, label, label, frame.Faces.Max(f => f.Score), faces);
        }
    }

    public IReadOnlyList<ClipFinding> Findings(string source) =>
        [.. _objects.Findings(FindingKind.Object, source), .. _faces.Findings(FindingKind.Face, source)];
}
