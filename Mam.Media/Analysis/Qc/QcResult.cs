namespace Mam.Media.Analysis.Qc;

/// <summary>How bad the worst QC finding is.</summary>
public enum QcLevel
{
    /// <summary>Nothing found that an editor or a delivery spec would reject.</summary>
    Pass,
    /// <summary>Something worth a look (black head, long silence, freeze, loud or hot peaks).</summary>
    Warning,
    /// <summary>The clip is unusable as delivered (e.g. black or silent throughout, undecodable range).</summary>
    Fail,
}

/// <summary>A clip's QC verdict and headline measurements as the analysis judged them.</summary>
/// <param name="IntegratedLufs">EBU R128 integrated loudness; null without audio.</param>
/// <param name="TruePeakDbtp">True peak; null without audio.</param>
/// <param name="Summary">One line per finding in a user's words, e.g. "Black for 2.0 s at the head".</param>
public sealed record QcResult(QcLevel Level, double? IntegratedLufs, double? TruePeakDbtp, string Summary);
