namespace Mam.Media.Renditions.Proxies;

/// <summary>Where a proxy is encoded. Decoding, scaling and burn-in stay on the CPU in every mode (camera
/// originals such as ProRes have no hardware decoder); only the encode moves to the GPU.</summary>
public enum HardwareEncoding
{
    /// <summary>A hardware encoder when this machine has one (NVENC, then VAAPI, then QSV), software otherwise.</summary>
    Auto,

    /// <summary>Always libx264 / libx265.</summary>
    Off,

    /// <summary>VA-API through a DRM render node (Intel, AMD): h264_vaapi / hevc_vaapi.</summary>
    Vaapi,

    /// <summary>NVIDIA's encoder: h264_nvenc / hevc_nvenc.</summary>
    Nvenc,

    /// <summary>Intel Quick Sync through oneVPL / Media SDK: h264_qsv / hevc_qsv.</summary>
    Qsv,
}

/// <summary>Section "Proxies": the proxy profiles, which one the proxy stage uses, and where proxies are
/// encoded. Validated at start (<see cref="ProxyOptionsValidation"/>); what the machine can do (encoders,
/// drawtext, the font, a GPU) is checked at start too, by <see cref="Capabilities.FfmpegReadiness"/>.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxies";

    /// <summary>The profile built in; configuring a profile of this name changes it, others are added beside it.</summary>
    public const string Standard = "standard";

    /// <summary>The profile the proxy stage encodes with.</summary>
    public string DefaultProfile { get; set; } = Standard;

    public HardwareEncoding HardwareEncoding { get; set; } = HardwareEncoding.Auto;

    /// <summary>The DRM render node VAAPI and QSV open; empty means the first /dev/dri/renderD* found.</summary>
    public string? VaapiDevice { get; set; }

    /// <summary>The TrueType font burnt-in text is drawn with (Debian's fonts-dejavu-core).</summary>
    public string BurnInFont { get; set; } = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

    /// <summary>By name; names are case-insensitive, as configuration keys are.</summary>
    public Dictionary<string, ProxyProfile> Profiles { get; set; } =
        new(StringComparer.OrdinalIgnoreCase) { [Standard] = new ProxyProfile() };

    /// <summary>The profile named <paramref name="name"/>, or the default one when null.</summary>
    /// <exception cref="ArgumentException">No profile of that name is configured.</exception>
    public ProxyProfile Profile(string? name = null)
    {
        var key = name ?? DefaultProfile;
        return Profiles.TryGetValue(key, out var profile) ? profile
            : throw new ArgumentException($"No proxy profile named '{key}' is configured (Proxies:Profiles).", nameof(name));
    }
}
