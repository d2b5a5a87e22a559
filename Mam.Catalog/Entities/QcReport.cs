namespace Mam.Catalog.Entities;

public enum QcStatus
{
    /// <summary>Nothing found that an editor or a delivery spec would reject.</summary>
    Pass,
    /// <summary>Something worth a look (black head, long silence, freeze, loud or hot peaks).</summary>
    Warning,
    /// <summary>The clip is unusable as delivered (e.g. black or silent throughout, undecodable range).</summary>
    Fail,
}

/// <summary>The clip's QC verdict and headline measurements (owned by the asset; null until analysed).
/// The individual findings are <see cref="ClipTag"/>s of kind <see cref="TagKind.Qc"/>.</summary>
public sealed class QcReport
{
    public QcStatus Status { get; set; }
    /// <summary>Integrated loudness (EBU R128), LUFS; null when the clip has no audio.</summary>
    public double? IntegratedLufs { get; set; }
    /// <summary>True peak, dBTP; null when the clip has no audio.</summary>
    public double? TruePeakDbtp { get; set; }
    /// <summary>One line per finding in a user's words, e.g. "Black for 2.0 s at the head".</summary>
    public string? Summary { get; set; }
}
