namespace Mam.Search.Sqlite.Clips;

/// <summary>A clip listed in the answer, with what the answer shows of it.</summary>
internal sealed record ListedClip(long RowId, Guid AssetId, string ClipName, string Project, string Card, double Score, bool HasSegmentMatch)
{
    public string? Camera { get; init; }
    public DateTime? RecordedAt { get; init; }
    public string? Codec { get; init; }
    public string? Resolution { get; init; }
    public string? QcStatus { get; init; }
    public bool HasFaces { get; init; }
    public bool HasAssetMatch { get; init; }
}

/// <param name="Rarity">BM25's IDF of the search over all segments, for scoring the listed hits.</param>
/// <param name="AverageWords">Words per segment over the whole index.</param>
internal sealed record ClipSelection(IReadOnlyList<ListedClip> Listed, int Total, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    double Rarity, double AverageWords);

/// <summary>Filters, ranks and counts facets over the clips in memory (<see cref="ClipTable"/>): the
/// best page is kept in a heap of <c>limit</c> entries while every passing clip is counted once.</summary>
internal static class ClipSelector
{
    public static ClipSelection Select(ClipTable clips, SearchPlan plan, ClipMatches? matches)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(plan);
        var filter = new ClipFilter(clips, plan.Filter);
        var facets = new FacetCounter(clips);
        var averageWords = clips.SegmentCount == 0 ? 1 : (double)clips.WordCount / clips.SegmentCount;
        if (filter.MatchesNothing)
        {
            return new ClipSelection([], 0, facets.ToFacets(), 0, averageWords);
        }

        return matches is null
            ? Browse(clips, filter, facets, plan.Limit, averageWords)
            : Rank(clips, filter, facets, plan.Limit, matches, averageWords);
    }

    /// <summary>A clip's score: BM25 over clips, where a clip's term frequency is how many of its
    /// segments match, its length its number of segments and the rarity that of the search among all
    /// segments; plus the bm25 of a match in its name, card or metadata.</summary>
    private static ClipSelection Rank(ClipTable clips, ClipFilter filter, FacetCounter facets, int limit, ClipMatches matches, double averageWords)
    {
        var rarity = Bm25.Rarity(matches.MatchingSegments, clips.SegmentCount);
        var averageSegments = clips.ClipCount == 0 ? 1 : (double)clips.SegmentCount / clips.ClipCount;
        var top = new PriorityQueue<int, (double Score, Guid Id)>(limit + 1, WorstFirst.Instance);
        var total = 0;
        void Consider(long row, int segments, double asset)
        {
            if (row >= clips.Extent || !filter.Passes((int)row))
            {
                return;
            }

            var clip = (int)row;
            total++;
            facets.Add(clip);
            var score = asset + (segments > 0 ? rarity * Bm25.Weight(segments, clips.Segments[clip], averageSegments) : 0);
            var key = (score, clips.AssetIds[clip]);
            if (top.Count < limit)
            {
                top.Enqueue(clip, key);
            }
            else if (top.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare(key, worst) > 0)
            {
                top.DequeueEnqueue(clip, key);
            }
        }

        var anyAssets = matches.Assets.Count > 0;
        for (var i = 0; i < matches.Count; i++)
        {
            var clip = matches.Clip(i);
            Consider(clip, matches.Segments(i), anyAssets ? matches.Assets.GetValueOrDefault(clip) : 0);
        }

        // A sorted list searched a few times, not a set of every matching clip: building that set was a
        // few milliseconds of a broad search.
        foreach (var (clip, score) in matches.Assets.Where(a => !matches.HasSegments(a.Key)))
        {
            Consider(clip, 0, score);
        }

        var listed = new List<ListedClip>(top.Count);
        while (top.TryDequeue(out var clip, out var key))
        {
            listed.Add(Listed(clips, clip, key.Score, matches.HasSegments(clip)) with { HasAssetMatch = matches.Assets.ContainsKey(clip) });
        }

        listed.Reverse();
        return new ClipSelection(listed, total, facets.ToFacets(), rarity, averageWords);
    }

    /// <summary>Newest recording first (undated clips last), then by project, card and name: the order
    /// a browse by project or day reads naturally in. Elasticsearch sorts the same way.</summary>
    private static ClipSelection Browse(ClipTable clips, ClipFilter filter, FacetCounter facets, int limit, double averageWords)
    {
        var order = new BrowseOrder(clips);
        var top = new PriorityQueue<int, int>(limit + 1, Comparer<int>.Create((a, b) => order.Compare(b, a)));
        var total = 0;
        for (var clip = 0; clip < clips.Extent; clip++)
        {
            if (!filter.Passes(clip))
            {
                continue;
            }

            total++;
            facets.Add(clip);
            if (top.Count < limit)
            {
                top.Enqueue(clip, clip);
            }
            else if (order.Compare(clip, top.Peek()) < 0)
            {
                top.DequeueEnqueue(clip, clip);
            }
        }

        var listed = new List<ListedClip>(top.Count);
        while (top.TryDequeue(out var clip, out _))
        {
            listed.Add(Listed(clips, clip, 0, false));
        }

        listed.Reverse();
        return new ClipSelection(listed, total, facets.ToFacets(), 0, averageWords);
    }

    private static ListedClip Listed(ClipTable clips, int clip, double score, bool segmentMatch) =>
        new(clip, clips.AssetIds[clip], clips.ClipNames[clip], clips.Projects.ValueOf(clips.Project[clip]) ?? string.Empty,
            clips.Cards.ValueOf(clips.Card[clip]) ?? string.Empty, score, segmentMatch)
        {
            Camera = clips.Cameras.ValueOf(clips.Camera[clip]),
            RecordedAt = clips.Recorded[clip] == ClipTable.NoRecording ? null : new DateTime(clips.Recorded[clip], DateTimeKind.Utc),
            Codec = clips.Codecs.ValueOf(clips.Codec[clip]),
            Resolution = clips.Resolutions.ValueOf(clips.Resolution[clip]),
            QcStatus = clips.QcStatuses.ValueOf(clips.Qc[clip]),
            HasFaces = clips.Faces[clip],
        };

    /// <summary>The heap keeps its worst entry on top: lower score first, then (ties) the higher asset
    /// id, so equal scores list by asset id as Elasticsearch's tie-break does.</summary>
    private sealed class WorstFirst : IComparer<(double Score, Guid Id)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, Guid Id) x, (double Score, Guid Id) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Id.CompareTo(x.Id);
    }

    /// <summary>Negative when clip a comes before clip b in a browse.</summary>
    private sealed class BrowseOrder(ClipTable clips)
    {
        public int Compare(int a, int b)
        {
            var (ra, rb) = (clips.Recorded[a], clips.Recorded[b]);
            if (ra != rb)
            {
                return ra == ClipTable.NoRecording ? 1 : rb == ClipTable.NoRecording ? -1 : rb.CompareTo(ra);
            }

            var byText = string.CompareOrdinal(clips.Projects.ValueOf(clips.Project[a]), clips.Projects.ValueOf(clips.Project[b]));
            byText = byText != 0 ? byText : string.CompareOrdinal(clips.Cards.ValueOf(clips.Card[a]), clips.Cards.ValueOf(clips.Card[b]));
            byText = byText != 0 ? byText : string.CompareOrdinal(clips.ClipNames[a], clips.ClipNames[b]);
            return byText != 0 ? byText : clips.AssetIds[a].CompareTo(clips.AssetIds[b]);
        }
    }
}
