using Lucene.Net.Index;
using Lucene.Net.Search;
using Mam.Search;

namespace Mam.Bench.Search.Lucene;

/// <summary>The Lucene side's per-clip fields in arrays indexed by clip number, as an application over
/// Lucene would hold them: facet counts over the matching clips and the browse order come from here.</summary>
internal sealed class LuceneClips
{
    private readonly List<AssetDocument> _clips = [];
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<int[]> _facetCodes = [];

    public int Count => _clips.Count;

    public int Add(AssetDocument clip)
    {
        _clips.Add(clip);
        string?[] values = [clip.Project, clip.Card, clip.Camera, clip.Codec, clip.Resolution, clip.QcStatus, clip.HasFaces ? "faces" : "no faces", .. clip.Tags];
        _facetCodes.Add(values.Select((v, i) => Code(i < 7 ? $"{i}:{v}" : $"tag:{v}")).ToArray());
        return _clips.Count - 1;
    }

    /// <summary>Facets over every matching clip, and the best <paramref name="limit"/> by their best segment's score.</summary>
    public List<int> Rank(ClipCollector matches, int limit)
    {
        var facets = new int[_codes.Count];
        var top = new PriorityQueue<int, float>(limit + 1);
        foreach (var clip in matches.Clips)
        {
            foreach (var code in _facetCodes[clip])
            {
                facets[code]++;
            }

            var score = matches.BestScore[clip];
            if (top.Count < limit)
            {
                top.Enqueue(clip, score);
            }
            else if (top.TryPeek(out _, out var worst) && score > worst)
            {
                top.DequeueEnqueue(clip, score);
            }
        }

        return [.. top.UnorderedItems.OrderByDescending(i => i.Priority).Select(i => i.Element)];
    }

    /// <summary>Every clip passing the filter counted in the facets, the newest 20 listed.</summary>
    public int Browse(SearchFilter filter, int limit)
    {
        var facets = new int[_codes.Count];
        var top = new PriorityQueue<int, long>(limit + 1);
        var total = 0;
        for (var clip = 0; clip < _clips.Count; clip++)
        {
            var c = _clips[clip];
            if ((filter.Project is { } p && c.Project != p) || (filter.Camera is { } cam && c.Camera != cam)
                || (filter.Codec is { } codec && c.Codec != codec) || (filter.QcStatus is { } qc && c.QcStatus != qc)
                || (filter.HasFaces is { } faces && c.HasFaces != faces) || filter.Tags.Any(t => !c.Tags.Contains(t))
                || (filter.RecordedFrom is { } from && (c.RecordedAt is null || c.RecordedAt < from))
                || (filter.RecordedBefore is { } before && (c.RecordedAt is null || c.RecordedAt >= before)))
            {
                continue;
            }

            total++;
            foreach (var code in _facetCodes[clip])
            {
                facets[code]++;
            }

            var recorded = c.RecordedAt?.Ticks ?? long.MinValue;
            if (top.Count < limit)
            {
                top.Enqueue(clip, recorded);
            }
            else if (top.TryPeek(out _, out var oldest) && recorded > oldest)
            {
                top.DequeueEnqueue(clip, recorded);
            }
        }

        return total;
    }

    private int Code(string value)
    {
        if (!_codes.TryGetValue(value, out var code))
        {
            code = _codes.Count;
            _codes.Add(value, code);
        }

        return code;
    }
}

/// <summary>Collects every matching segment: its clip (doc values), the clip's best score, and the
/// document numbers to read the listed clips' hits from.</summary>
internal sealed class ClipCollector(int clipCount) : ICollector
{
    private readonly List<(int Doc, int Clip)> _matches = [];
    private NumericDocValues? _clip;
    private Scorer? _scorer;
    private int _docBase;

    public float[] BestScore { get; } = new float[clipCount];

    public List<int> Clips { get; } = [];

    public int MatchingClips => Clips.Count;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        _clip = context.AtomicReader.GetNumericDocValues("clip");
        _docBase = context.DocBase;
    }

    public void Collect(int doc)
    {
        var clip = (int)_clip!.Get(doc);
        var score = _scorer!.GetScore();
        if (BestScore[clip] == 0)
        {
            Clips.Add(clip);
        }

        BestScore[clip] = Math.Max(BestScore[clip], Math.Max(score, float.Epsilon));
        _matches.Add((_docBase + doc, clip));
    }

    /// <summary>The matching documents of the listed clips, at most <paramref name="perClip"/> each.</summary>
    public IEnumerable<int> DocsOf(List<int> clips, int perClip)
    {
        var wanted = clips.ToDictionary(c => c, _ => 0);
        foreach (var (doc, clip) in _matches)
        {
            if (wanted.TryGetValue(clip, out var taken) && taken < perClip)
            {
                wanted[clip] = taken + 1;
                yield return doc;
            }
        }
    }
}
