using Mam.Hosting;
using Mam.Media.Analysis;
using Mam.Media.Capabilities;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Media.Renditions;
using Mam.Media.Renditions.Proxies;
using Mam.Media.Speech;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Media;

public static class MediaToolsServiceCollectionExtensions
{
    /// <summary>Registers probing (ffprobe), renditions (ffmpeg; proxy profiles from section "Proxies"), transcription (section "Speech"), clip analysis,
    /// the <see cref="ProcessRunner"/> they share and <see cref="FfmpegReadiness"/>, configured from section
    /// "MediaTools". Hosts that run the pipeline add <see cref="AddFfmpegStartupCheck"/>.</summary>
    public static IServiceCollection AddMediaTools(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMamDataDirectory(configuration);
        services.AddOptions<MediaToolsOptions>()
            .Bind(configuration.GetSection(MediaToolsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<ProxyOptions>()
            .Bind(configuration.GetSection(ProxyOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidation>();

        services.AddSingleton<ChildProcesses>();
        services.AddSingleton<ProcessRunner>();
        services.AddSingleton<FfmpegReadiness>();
        services.AddSingleton<IMediaProbe, FfprobeMediaProbe>();
        services.AddSingleton<Cuts.ClipCutter>();
        services.AddSingleton<IRenditionMaker, FfmpegRenditionMaker>();
        services.AddSingleton<Waveforms.FfmpegWaveformReader>();
        services.AddSpeech(configuration);
        services.AddClipAnalysis(configuration);
        return services;
    }

    /// <summary>Refuses to start the host when the configured ffmpeg lacks what the pipeline uses
    /// (<see cref="FfmpegStartupCheck"/>). Only for hosts that run pipeline stages.</summary>
    public static IServiceCollection AddFfmpegStartupCheck(this IServiceCollection services)
    {
        services.AddHostedService<FfmpegStartupCheck>();
        return services;
    }
}
