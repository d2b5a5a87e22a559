using System.Globalization;

namespace Mam.Workers.Reindexing;

/// <summary>How far a re-index has got.</summary>
/// <param name="Project">The project re-indexed, or null for every clip.</param>
/// <param name="Done">Clips handled so far, indexed or refused.</param>
/// <param name="Refused">One line per clip the search engine would not take ("clip (project): why").</param>
public sealed record ReindexProgress(string? Project, int Total, int Done, IReadOnlyList<string> Refused, TimeSpan Elapsed)
{
    public double ClipsPerSecond => Elapsed > TimeSpan.Zero ? Done / Elapsed.TotalSeconds : 0;

    /// <summary>"1200/5000 clips (24%), 310.5 clips/s, 2 refused": one progress line for a person.</summary>
    public override string ToString()
    {
        var percent = Total == 0 ? 100 : Done * 100 / Total;
        var line = string.Create(CultureInfo.InvariantCulture, $"{Done}/{Total} clips ({percent}%), {ClipsPerSecond:0.0} clips/s");
        return Refused.Count == 0 ? line : string.Create(CultureInfo.InvariantCulture, $"{line}, {Refused.Count} refused");
    }
}
