using Mam.Media;
using Mam.Media.Capabilities;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Media.Renditions;
using Mam.Media.Renditions.Proxies;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media;

/// <summary>Options as production binds them (defaults point at the Debian tool paths).</summary>
internal static class MediaTestOptions
{
    public static IOptions<MediaToolsOptions> Defaults() => Options.Create(new MediaToolsOptions());

    /// <summary>The production probe: Debian's ffprobe through the one process runner.</summary>
    public static FfprobeMediaProbe Probe() => new(new ProcessRunner(NullLogger<ProcessRunner>.Instance), Defaults());

    /// <summary>The production rendition maker with these proxy settings (the built-in standard profile when
    /// null) and, when given, these GPU devices instead of the machine's own.</summary>
    public static FfmpegRenditionMaker RenditionMaker(ProxyOptions? proxies = null, HardwareDevices? devices = null)
    {
        var runner = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
        var proxyOptions = Options.Create(proxies ?? new ProxyOptions());
        return new FfmpegRenditionMaker(runner, Defaults(), proxyOptions, new FfmpegReadiness(runner, Defaults(), proxyOptions, devices),
            NullLogger<FfmpegRenditionMaker>.Instance);
    }
}
