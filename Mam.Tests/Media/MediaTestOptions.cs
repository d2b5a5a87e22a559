using Mam.Media;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media;

/// <summary>Options as production binds them (defaults point at the Debian tool paths).</summary>
internal static class MediaTestOptions
{
    public static IOptions<MediaToolsOptions> Defaults() => Options.Create(new MediaToolsOptions());

    /// <summary>The production probe: Debian's ffprobe through the one process runner.</summary>
    public static FfprobeMediaProbe Probe() => new(new ProcessRunner(NullLogger<ProcessRunner>.Instance), Defaults());
}
