namespace Mam.Media.Renditions.Proxies;

public enum ProxyCodec
{
    /// <summary>Plays in every browser.</summary>
    H264,

    /// <summary>About half the size at the same quality; plays in Safari, Edge and Chrome on hardware that decodes it.</summary>
    Hevc,
}

/// <summary>One proxy look, section "Proxies:Profiles:{name}". The picture fits inside
/// <see cref="MaxWidth"/> × <see cref="MaxHeight"/>, keeps its aspect, is never upscaled and has even
/// dimensions (4:2:0 video requires them).</summary>
public sealed class ProxyProfile
{
    /// <summary>Null: no limit on the width.</summary>
    public int? MaxWidth { get; set; } = 960;

    /// <summary>Null: no limit on the height.</summary>
    public int? MaxHeight { get; set; }

    public ProxyCodec Codec { get; set; } = ProxyCodec.H264;

    /// <summary>Constant quality, lower is better (0–51). Null with no <see cref="VideoBitrateKbps"/>: 23 for
    /// H.264, 28 for HEVC (x264's and x265's defaults, which look alike). Hardware encoders get the same
    /// number as their own constant-quality setting (VAAPI qp, NVENC cq, QSV global_quality).</summary>
    public int? Crf { get; set; }

    /// <summary>An average video bitrate instead of constant quality, for proxies that must fit a link.</summary>
    public int? VideoBitrateKbps { get; set; }

    public int AudioBitrateKbps { get; set; } = 128;

    /// <summary>Draws the clip name (top left) and its running source timecode (bottom centre) into the picture.</summary>
    public bool BurnIn { get; set; }

    /// <summary>What the encoder is given when the profile names neither quality nor bitrate.</summary>
    public int EffectiveCrf => Crf ?? (Codec == ProxyCodec.Hevc ? 28 : 23);
}
