using Mam.Core.Media.Analysis;
using Mam.Core.Media.Probing;
using Mam.Core.Media.Processes;
using Mam.Core.Media.Renditions;
using Mam.Core.Media.Speech;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Core.Media;

public static class MediaToolsServiceCollectionExtensions
{
    /// <summary>Registers probing (ffprobe via Xabe), renditions (ffmpeg), transcription (section "Speech"), clip analysis
    /// and the <see cref="ProcessRunner"/> they share, configured from section "MediaTools".</summary>
    public static IServiceCollection AddMediaTools(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MediaToolsOptions>()
            .Bind(configuration.GetSection(MediaToolsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<ProcessRunner>();
        services.AddSingleton<IMediaProbe, XabeMediaProbe>();
        services.AddSingleton<IRenditionMaker, FfmpegRenditionMaker>();
        services.AddSpeech(configuration);
        services.AddClipAnalysis(configuration);
        return services;
    }
}
