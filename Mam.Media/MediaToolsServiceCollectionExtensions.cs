using Mam.Media.Analysis;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Media.Renditions;
using Mam.Media.Speech;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mam.Media;

public static class MediaToolsServiceCollectionExtensions
{
    /// <summary>Registers probing (ffprobe), renditions (ffmpeg), transcription (section "Speech"), clip analysis
    /// and the <see cref="ProcessRunner"/> they share, configured from section "MediaTools".</summary>
    public static IServiceCollection AddMediaTools(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MediaToolsOptions>()
            .Bind(configuration.GetSection(MediaToolsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<ProcessRunner>();
        services.AddSingleton<IMediaProbe, FfprobeMediaProbe>();
        services.AddSingleton<IRenditionMaker, FfmpegRenditionMaker>();
        services.AddSpeech(configuration);
        services.AddClipAnalysis(configuration);
        return services;
    }
}
