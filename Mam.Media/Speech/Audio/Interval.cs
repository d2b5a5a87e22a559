namespace Mam.Media.Speech.Audio;

/// <summary>A stretch of a clip in seconds from its start, [Start, End).</summary>
public readonly record struct Interval(double Start, double End)
{
    public double Length => Math.Max(0, End - Start);

    public double Middle => (Start + End) / 2;

    public bool Contains(double seconds) => seconds >= Start && seconds < End;

    /// <summary>Stretches quiet in every one of <paramref name="tracks"/>: when several tracks are mixed,
    /// the mix is only silent where all of them are.</summary>
    public static IReadOnlyList<Interval> Common(IEnumerable<IReadOnlyList<Interval>> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        IReadOnlyList<Interval>? common = null;
        foreach (var track in tracks)
        {
            common = common is null ? Sorted(track) : Intersect(common, Sorted(track));
        }
        return common ?? [];
    }

    /// <summary>What <paramref name="gaps"/> leave of [0, <paramref name="length"/>).</summary>
    public static IReadOnlyList<Interval> Complement(IReadOnlyList<Interval> gaps, double length)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        var rest = new List<Interval>();
        var at = 0.0;
        foreach (var gap in Sorted(gaps))
        {
            if (gap.Start > at)
            {
                rest.Add(new Interval(at, Math.Min(gap.Start, length)));
            }
            at = Math.Max(at, gap.End);
            if (at >= length)
            {
                break;
            }
        }
        if (at < length)
        {
            rest.Add(new Interval(at, length));
        }
        return rest.Where(r => r.Length > 0).ToList();
    }

    private static List<Interval> Sorted(IReadOnlyList<Interval> intervals) =>
        intervals.Where(i => i.Length > 0).OrderBy(i => i.Start).ToList();

    private static List<Interval> Intersect(IReadOnlyList<Interval> a, List<Interval> b)
    {
        var both = new List<Interval>();
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            var start = Math.Max(a[i].Start, b[j].Start);
            var end = Math.Min(a[i].End, b[j].End);
            if (end > start)
            {
                both.Add(new Interval(start, end));
            }
            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return both;
    }
}
