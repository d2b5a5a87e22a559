using Mam.Media.Analysis.Sampling;
using Mam.Media.Analysis.Text;
using Mam.Media.Analysis.Vision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mam.Media.Analysis;

public static class AnalysisServiceCollectionExtensions
{
    /// <summary>Shots, frame sampling, OCR, vision (a Node sidecar per process) and QC, configured from
    /// sections "Analysis", "Analysis:Vision" and "Analysis:Qc". Needs <see cref="MediaToolsServiceCollectionExtensions.AddMediaTools"/>.</summary>
    public static IServiceCollection AddClipAnalysis(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AnalysisOptions>().Bind(configuration.GetSection(AnalysisOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<VisionOptions>().Bind(configuration.GetSection(VisionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QcOptions>().Bind(configuration.GetSection(QcOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<AnalysisReadiness>();
        services.TryAddSingleton<MediaPass>();
        services.TryAddSingleton<FrameGrabber>();
        services.TryAddSingleton<TesseractReader>();
        // One sidecar per process, shared by every clip this process analyses: the models load once.
        services.TryAddSingleton<IVisionEngine, NodeVisionEngine>();
        services.TryAddSingleton<ClipAnalyser>();
        return services;
    }
}
