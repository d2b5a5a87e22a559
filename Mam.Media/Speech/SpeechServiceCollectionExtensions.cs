using Mam.Media.Speech.OpenAi;
using Mam.Media.Speech.Pocketsphinx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Media.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>The transcriber and the engine section "Speech" chooses (Speech:Engine = Pocketsphinx |
    /// OpenAi), validated at start so a missing server URL stops the host, not the first clip.
    /// Needs <see cref="Processes.ProcessRunner"/> and <see cref="Probing.IMediaProbe"/> (AddMediaTools).</summary>
    public static IServiceCollection AddSpeech(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SpeechOptions>()
            .Bind(configuration.GetSection(SpeechOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The engine applies its own per-request timeout (Speech:OpenAi:Timeout); HttpClient's 100 s
        // default would cut a long piece short on a busy GPU server.
        services.AddHttpClient(OpenAiSpeechEngine.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<PocketsphinxEngine>();
        services.AddSingleton<OpenAiSpeechEngine>();
        services.AddSingleton<ISpeechEngine>(sp => sp.GetRequiredService<IOptions<SpeechOptions>>().Value.Engine switch
        {
            SpeechEngineKind.OpenAi => sp.GetRequiredService<OpenAiSpeechEngine>(),
            _ => sp.GetRequiredService<PocketsphinxEngine>(),
        });
        services.AddSingleton<ITranscriber, ClipTranscriber>();
        return services;
    }
}
