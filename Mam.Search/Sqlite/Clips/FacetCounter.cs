namespace Mam.Search.Sqlite.Clips;

/// <summary>Counts the facet values of the clips a search matches, by code: one array slot per value.</summary>
internal sealed class FacetCounter(ClipTable clips)
{
    private readonly int[] _projects = new int[clips.Projects.Count];
    private readonly int[] _cards = new int[clips.Cards.Count];
    private readonly int[] _cameras = new int[clips.Cameras.Count];
    private readonly int[] _codecs = new int[clips.Codecs.Count];
    private readonly int[] _resolutions = new int[clips.Resolutions.Count];
    private readonly int[] _tags = new int[clips.Tags.Count];
    private readonly int[] _qc = new int[clips.QcStatuses.Count];
    private int _withFaces;
    private int _withoutFaces;

    public void Add(int clip)
    {
        _projects[clips.Project[clip]]++;
        _cards[clips.Card[clip]]++;
        _cameras[clips.Camera[clip]]++;
        _codecs[clips.Codec[clip]]++;
        _resolutions[clips.Resolution[clip]]++;
        _qc[clips.Qc[clip]]++;
        foreach (var tag in clips.TagCodes[clip])
        {
            _tags[tag]++;
        }

        if (clips.Faces[clip])
        {
            _withFaces++;
        }
        else
        {
            _withoutFaces++;
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> ToFacets()
    {
        static IReadOnlyList<FacetCount> Counts(FieldValues values, int[] counts) => ResultAssembly.OrderFacet(
            Enumerable.Range(1, counts.Length - 1)
                .Where(code => counts[code] > 0)
                .Select(code => new FacetCount(values.ValueOf(code)!, counts[code])));

        IReadOnlyList<FacetCount> faces = ResultAssembly.OrderFacet(
            new[] { new FacetCount("true", _withFaces), new FacetCount("false", _withoutFaces) }.Where(f => f.Count > 0));
        return new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal)
        {
            [FacetNames.Project] = Counts(clips.Projects, _projects),
            [FacetNames.Card] = Counts(clips.Cards, _cards),
            [FacetNames.Camera] = Counts(clips.Cameras, _cameras),
            [FacetNames.Codec] = Counts(clips.Codecs, _codecs),
            [FacetNames.Resolution] = Counts(clips.Resolutions, _resolutions),
            [FacetNames.Tag] = Counts(clips.Tags, _tags),
            [FacetNames.Qc] = Counts(clips.QcStatuses, _qc),
            [FacetNames.HasFaces] = faces,
        };
    }
}
