using Mam.Media.Capabilities;

namespace Mam.Media.Renditions.Proxies;

/// <summary>What the configured proxy profiles ask of this machine, decided once at start (pure: the
/// ffmpeg capabilities, the device nodes and the font are given): the extra encoders and filters, the
/// hardware encoder to try first, and the sentences that refuse the start.</summary>
public sealed record ProxyReadiness(IReadOnlyList<FfmpegNeeds> Needs, ProxyHardware? Hardware, IReadOnlyList<string> Problems)
{
    private const string AutoOrOff = "or set Proxies:HardwareEncoding to Auto (hardware when present, software otherwise) or Off";

    /// <summary>The needs alone, for when ffmpeg could not be asked at all.</summary>
    public static IReadOnlyList<FfmpegNeeds> NeedsOf(ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var needs = new List<FfmpegNeeds>();
        foreach (var (name, profile) in options.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // libx265 is also the fallback when a hardware HEVC encoder refuses a clip, so it is needed in every mode.
            if (profile.Codec == ProxyCodec.Hevc)
            {
                needs.Add(new FfmpegNeeds($"HEVC proxies (Proxies:Profiles:{name}:Codec)", ["libx265"], []));
            }
            if (profile.BurnIn)
            {
                needs.Add(new FfmpegNeeds($"proxies with burnt-in timecode (Proxies:Profiles:{name}:BurnIn)", [], ["drawtext"]));
            }
        }
        return needs;
    }

    public static ProxyReadiness Assess(ProxyOptions options, FfmpegCapabilities capabilities, HardwareDevices devices, Func<string, bool> fileExists)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(fileExists);
        var problems = new List<string>();
        var burnIn = options.Profiles.Where(p => p.Value.BurnIn).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (burnIn.Count > 0 && !fileExists(options.BurnInFont))
        {
            problems.Add($"Proxies:Profiles:{burnIn[0]}:BurnIn draws text with the font Proxies:BurnInFont, and {options.BurnInFont} does not exist: " +
                "install it (apt-get install fonts-dejavu-core, as infra/install-deps.sh does) or set Proxies:BurnInFont to a .ttf file that exists.");
        }

        var codecs = options.Profiles.Values.Select(p => p.Codec).Distinct().ToList();
        ProxyHardware? hardware = null;
        if (options.HardwareEncoding == HardwareEncoding.Auto)
        {
            // NVENC first: a machine with an NVIDIA card usually has a render node too, and NVENC is the faster path there.
            hardware = new[] { HardwareEncoding.Nvenc, HardwareEncoding.Vaapi, HardwareEncoding.Qsv }
                .Select(kind => Try(kind, options, capabilities, devices, codecs, fileExists))
                .FirstOrDefault(t => t.Hardware is not null).Hardware;
        }
        else if (options.HardwareEncoding != HardwareEncoding.Off)
        {
            // Asked for by name: the operator expects it, so a machine without it refuses to start rather
            // than quietly encoding every proxy on the CPU.
            var (found, missing) = Try(options.HardwareEncoding, options, capabilities, devices, codecs, fileExists);
            hardware = found;
            if (missing is not null)
            {
                problems.Add($"Proxies:HardwareEncoding is {options.HardwareEncoding}, but {missing}, {AutoOrOff}.");
            }
        }

        return new ProxyReadiness(NeedsOf(options), hardware, problems);
    }

    /// <returns>The hardware, or why it cannot be used here ("this machine has no …: install …").</returns>
    private static (ProxyHardware? Hardware, string? Missing) Try(
        HardwareEncoding kind, ProxyOptions options, FfmpegCapabilities capabilities, HardwareDevices devices,
        IReadOnlyList<ProxyCodec> codecs, Func<string, bool> fileExists)
    {
        string? device = null;
        if (kind != HardwareEncoding.Nvenc && !string.IsNullOrWhiteSpace(options.VaapiDevice))
        {
            if (!fileExists(options.VaapiDevice))
            {
                return (null, $"Proxies:VaapiDevice {options.VaapiDevice} does not exist: give the path of a render node (ls /dev/dri)");
            }
            device = options.VaapiDevice;
        }
        else if (kind == HardwareEncoding.Vaapi)
        {
            device = devices.RenderNodes.Count > 0 ? devices.RenderNodes[0].Path : null;
            if (device is null)
            {
                return (null, "this machine has no GPU render node (/dev/dri/renderD*): install the GPU's VA-API driver " +
                              "(Intel: intel-media-va-driver, AMD: mesa-va-drivers) and give the service access to /dev/dri");
            }
        }
        else if (kind == HardwareEncoding.Qsv)
        {
            device = devices.RenderNodes.FirstOrDefault(n => n.IsIntel)?.Path;
            if (device is null)
            {
                return (null, "this machine has no Intel GPU render node (/dev/dri/renderD* of vendor 0x8086): " +
                              "install Intel's media driver (intel-media-va-driver-non-free, libmfx1 or libvpl2) and give the service access to /dev/dri");
            }
        }
        else if (!devices.HasNvidia)
        {
            return (null, "this machine has no NVIDIA device (/dev/nvidiactl): install NVIDIA's driver and give the service access to /dev/nvidia*");
        }

        var hardware = new ProxyHardware(kind, device);
        var absent = codecs.Select(hardware.EncoderFor).Where(e => !capabilities.HasEncoder(e)).ToList();
        return absent.Count == 0 ? (hardware, null)
            : (null, $"ffmpeg {capabilities.Version} has no {string.Join(" and no ", absent)} encoder: use an ffmpeg built with it (MediaTools:FfmpegPath)");
    }
}
