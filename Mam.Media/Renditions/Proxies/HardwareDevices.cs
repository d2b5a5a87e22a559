namespace Mam.Media.Renditions.Proxies;

/// <summary>A DRM render node and the PCI vendor behind it (0x8086 Intel, 0x1002 AMD, 0x10de NVIDIA).</summary>
public sealed record RenderNode(string Path, string? Vendor)
{
    public bool IsIntel => string.Equals(Vendor, "0x8086", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The GPU devices this machine exposes. ffmpeg lists the hardware encoders it was built with
/// whether or not a GPU is present (Debian's lists h264_nvenc and h264_vaapi on a machine with neither),
/// so the device nodes decide whether a hardware encoder can work here.</summary>
public sealed record HardwareDevices(IReadOnlyList<RenderNode> RenderNodes, bool HasNvidia)
{
    public static HardwareDevices None { get; } = new([], false);

    /// <summary>Looks under <paramref name="root"/> ("/" in production; a test's own folder laid out
    /// the same way otherwise): /dev/dri/renderD* for VAAPI and QSV, /dev/nvidiactl for NVENC.</summary>
    public static HardwareDevices Scan(string root = "/")
    {
        var dri = Path.Combine(root, "dev", "dri");
        var nodes = Directory.Exists(dri)
            ? Directory.EnumerateFileSystemEntries(dri, "renderD*").Order(StringComparer.Ordinal)
                .Select(p => new RenderNode(p, VendorOf(root, Path.GetFileName(p))))
                .ToList()
            : [];
        return new HardwareDevices(nodes, File.Exists(Path.Combine(root, "dev", "nvidiactl")));
    }

    /// <summary>/sys/class/drm/renderD128/device/vendor holds "0x8086\n" for an Intel GPU.</summary>
    private static string? VendorOf(string root, string node)
    {
        var file = Path.Combine(root, "sys", "class", "drm", node, "device", "vendor");
        try
        {
            return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
