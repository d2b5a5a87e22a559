using Mam.Media;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media;

/// <summary>Options as production binds them (defaults point at the Debian tool paths).</summary>
internal static class MediaTestOptions
{
    public static IOptions<MediaToolsOptions> Defaults() => Options.Create(new MediaToolsOptions());
}
