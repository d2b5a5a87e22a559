namespace Mam.Search.Sqlite.Clips;

/// <summary>Okapi BM25 (https://en.wikipedia.org/wiki/Okapi_BM25) with FTS5's constants, computed
/// here instead of by FTS5's bm25(): that function reads every match of every phrase in the whole
/// index to count them each time a statement starts, which was most of a broad query's time.
/// Here the counts come from the one grouped statement that finds the matching clips.</summary>
internal static class Bm25
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>How rare the match is: <paramref name="matching"/> of <paramref name="all"/> documents.</summary>
    public static double Rarity(long matching, long all) =>
        Math.Log(1 + (Math.Max(0, all - matching) + 0.5) / (matching + 0.5));

    /// <summary>The saturating term-frequency part: the tenth occurrence adds less than the second, and
    /// a long document needs more occurrences than a short one to score as high.</summary>
    public static double Weight(double frequency, double length, double averageLength) =>
        frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length / Math.Max(averageLength, 1e-9)));
}
