namespace Mam.Media.Speech.Audio;

/// <summary>Where to cut a long clip so each piece fits the engine: at the middle of a pause close to
/// the length limit (a hard cut only where nobody pauses), and without the long silences, which cost
/// engine time and, on whisper models, invite invented text. Pure policy, no I/O.</summary>
public static class ChunkPlan
{
    /// <summary>Sound kept on each side of a piece that was trimmed of silence, so the first and last
    /// word are heard whole.</summary>
    public const double PaddingSeconds = 0.5;

    /// <summary>A pause is looked for in the last half of the allowed length: cutting earlier would make
    /// many short pieces, each a request with its own start-up cost.</summary>
    private const double EarliestCutShare = 0.5;

    /// <param name="duration">Length of the audio.</param>
    /// <param name="silences">Quiet stretches, in any order.</param>
    /// <param name="maxChunkSeconds">The longest piece the engine accepts.</param>
    /// <returns>Pieces in time order, each at most <paramref name="maxChunkSeconds"/> long and each
    /// holding some sound; empty when the audio is silent throughout.</returns>
    public static IReadOnlyList<Interval> Plan(double duration, IReadOnlyList<Interval> silences, double maxChunkSeconds)
    {
        ArgumentNullException.ThrowIfNull(silences);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChunkSeconds);
        if (!(duration > 0))
        {
            return [];
        }

        var sound = Interval.Complement(silences, duration);
        if (sound.Count == 0)
        {
            return [];
        }

        // Cut the whole clip first, then trim each piece to its sound: trimming never makes a piece longer.
        var pieces = new List<Interval>();
        var start = 0.0;
        while (duration - start > maxChunkSeconds)
        {
            var cut = CutPoint(start, maxChunkSeconds, silences);
            pieces.Add(new Interval(start, cut));
            start = cut;
        }
        pieces.Add(new Interval(start, duration));

        return pieces
            .Select(piece => TrimToSound(piece, sound))
            .Where(piece => piece is not null)
            .Select(piece => piece!.Value)
            .ToList();
    }

    /// <summary>The middle of the pause that ends latest inside the window, brought into the window when
    /// the pause runs past the limit; the limit itself when nobody pauses there.</summary>
    private static double CutPoint(double start, double maxChunkSeconds, IReadOnlyList<Interval> silences)
    {
        var earliest = start + (maxChunkSeconds * EarliestCutShare);
        var limit = start + maxChunkSeconds;
        var best = double.NaN;
        foreach (var silence in silences)
        {
            if (silence.End <= earliest || silence.Start >= limit)
            {
                continue;
            }
            var point = Math.Clamp(silence.Middle, Math.Max(earliest, silence.Start), Math.Min(limit, silence.End));
            if (double.IsNaN(best) || point > best)
            {
                best = point;
            }
        }
        return double.IsNaN(best) ? limit : best;
    }

    private static Interval? TrimToSound(Interval piece, IReadOnlyList<Interval> sound)
    {
        var inside = sound.Where(s => s.End > piece.Start && s.Start < piece.End).ToList();
        if (inside.Count == 0)
        {
            return null;
        }
        var from = Math.Max(piece.Start, inside[0].Start - PaddingSeconds);
        var to = Math.Min(piece.End, inside[^1].End + PaddingSeconds);
        return to > from ? new Interval(from, to) : null;
    }
}
