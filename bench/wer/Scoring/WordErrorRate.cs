namespace Mam.Bench.Wer.Scoring;

/// <summary>Word error rate: (substitutions + deletions + insertions) / reference words, from the
/// word-level edit distance. Words are compared lower-case without punctuation.</summary>
public static class WordErrorRate
{
    public sealed record Errors(int Substitutions, int Deletions, int Insertions, int ReferenceWords)
    {
        public int Total => Substitutions + Deletions + Insertions;

        public double Rate => ReferenceWords == 0 ? 0 : (double)Total / ReferenceWords;

        public static Errors operator +(Errors a, Errors b) => new(
            a.Substitutions + b.Substitutions, a.Deletions + b.Deletions, a.Insertions + b.Insertions, a.ReferenceWords + b.ReferenceWords);
    }

    public static Errors Compare(string reference, string hypothesis)
    {
        var r = Words(reference);
        var h = Words(hypothesis);
        // cost[i, j]: edits turning the first i reference words into the first j hypothesis words,
        // kept with how many of each kind so the breakdown can be printed.
        var cost = new (int Total, int S, int D, int I)[r.Length + 1, h.Length + 1];
        for (var i = 1; i <= r.Length; i++)
        {
            cost[i, 0] = (i, 0, i, 0);
        }
        for (var j = 1; j <= h.Length; j++)
        {
            cost[0, j] = (j, 0, 0, j);
        }
        for (var i = 1; i <= r.Length; i++)
        {
            for (var j = 1; j <= h.Length; j++)
            {
                var same = string.Equals(r[i - 1], h[j - 1], StringComparison.Ordinal);
                var diagonal = cost[i - 1, j - 1];
                var substitute = same ? diagonal : (diagonal.Total + 1, diagonal.S + 1, diagonal.D, diagonal.I);
                var up = cost[i - 1, j];
                var delete = (up.Total + 1, up.S, up.D + 1, up.I);
                var left = cost[i, j - 1];
                var insert = (left.Total + 1, left.S, left.D, left.I + 1);
                cost[i, j] = new[] { substitute, delete, insert }.MinBy(c => c.Item1);
            }
        }
        var best = cost[r.Length, h.Length];
        return new Errors(best.S, best.D, best.I, r.Length);
    }

    private static string[] Words(string text) =>
        new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
