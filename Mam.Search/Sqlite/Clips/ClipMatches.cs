using System.Buffers;

namespace Mam.Search.Sqlite.Clips;

/// <summary>The full-text matches of one search per clip, in rowid order, counted from the one statement
/// that finds them (<see cref="SqliteMatchQuery"/>). A broad search matches most clips: the two arrays
/// are rented from the shared pool and given back on dispose, because a list of twenty thousand clips
/// grown per search was a megabyte of large-object garbage each time (an API process ran a gen-2
/// collection every ~20 searches; 2 in 200 with the pool).</summary>
/// <remarks>Clip rowids beyond <see cref="int.MaxValue"/> are held as <see cref="int.MaxValue"/>: the
/// clip table refuses them, so they stand for a clip it does not hold.</remarks>
internal sealed class ClipMatches : IDisposable
{
    private int[] _clips = [];
    private int[] _segments = [];

    private ClipMatches(IReadOnlyDictionary<long, double> assets, long matchingSegments)
    {
        Assets = assets;
        MatchingSegments = matchingSegments;
    }

    /// <summary>Clip rowid → score of its name, card or metadata match.</summary>
    public IReadOnlyDictionary<long, double> Assets { get; }

    /// <summary>Every matching segment in the index, the filter's or not: the rarity's count.</summary>
    public long MatchingSegments { get; }

    /// <summary>How many clips have matching segments.</summary>
    public int Count { get; private set; }

    public int Clip(int i) => _clips[i];

    /// <summary>How many of that clip's segments match.</summary>
    public int Segments(int i) => _segments[i];

    /// <summary>Counts "7,7,9" (ASCII, as group_concat gives it) as clip 7 twice and clip 9 once.</summary>
    public static ClipMatches FromClipList(ReadOnlySpan<byte> clips, IReadOnlyDictionary<long, double> assets, long matchingSegments)
    {
        var matches = new ClipMatches(assets, matchingSegments);
        // Twice over the text: first how many clips (to rent arrays of that size), then their counts.
        var runs = 0;
        long previous = -1;
        for (var at = 0; at < clips.Length;)
        {
            var clip = NextNumber(clips, ref at);
            runs += clip != previous ? 1 : 0;
            previous = clip;
        }

        matches._clips = ArrayPool<int>.Shared.Rent(runs);
        matches._segments = ArrayPool<int>.Shared.Rent(runs);
        previous = -1;
        for (var at = 0; at < clips.Length;)
        {
            var clip = NextNumber(clips, ref at);
            if (clip != previous)
            {
                matches._clips[matches.Count] = (int)Math.Min(clip, int.MaxValue);
                matches._segments[matches.Count] = 0;
                matches.Count++;
                previous = clip;
            }

            matches._segments[matches.Count - 1]++;
        }

        return matches;
    }

    /// <summary>The number starting at <paramref name="at"/>, which is left past the comma after it.</summary>
    private static long NextNumber(ReadOnlySpan<byte> text, ref int at)
    {
        long value = 0;
        for (; at < text.Length && text[at] != (byte)','; at++)
        {
            value = (value * 10) + (text[at] - (byte)'0');
        }

        at++;
        return value;
    }

    /// <summary>Whether any segment of the clip matches (a binary search: the clips are in rowid order).</summary>
    public bool HasSegments(long clip) => clip <= int.MaxValue && Array.BinarySearch(_clips, 0, Count, (int)clip) >= 0;

    public void Dispose()
    {
        if (_clips.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_clips);
            ArrayPool<int>.Shared.Return(_segments);
        }

        (_clips, _segments, Count) = ([], [], 0);
    }
}
