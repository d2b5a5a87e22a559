using Mam.Hosting;
using Mam.Tests.Support;
using Mam.Media;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Media.Speech;
using Mam.Media.Speech.OpenAi;
using Mam.Media.Speech.Pocketsphinx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media.Speech;

/// <summary>The real transcriber and engines, wired as production wires them, with the test's options.</summary>
internal static class SpeechTestServices
{
    public static ProcessRunner Runner { get; } = new(NullLogger<ProcessRunner>.Instance);

    public static IOptions<MediaToolsOptions> Tools { get; } = Options.Create(new MediaToolsOptions());

    /// <summary>The data directory those tests share (declared first: static fields start in order).</summary>
    private static readonly TempFolder Data = new("speech-data");

    /// <summary>Scratch space as a data directory's work folder would give it, shared by the tests that
    /// do not look at it; a test that asserts on scratch passes a <see cref="WorkFolders"/> of its own.</summary>
    public static WorkFolders Work { get; } = new(Path.Combine(Data.Path, "work"));

    public static ClipTranscriber Transcriber(ISpeechEngine? engine = null, SpeechOptions? speech = null, WorkFolders? work = null)
    {
        var options = Options.Create(speech ?? new SpeechOptions());
        return new ClipTranscriber(Runner, new FfprobeMediaProbe(Runner, Tools), engine ?? Pocketsphinx(options.Value), Tools, options, work ?? Work,
            NullLogger<ClipTranscriber>.Instance);
    }

    public static PocketsphinxEngine Pocketsphinx(SpeechOptions? speech = null) =>
        new(Runner, Tools, Options.Create(speech ?? new SpeechOptions()));

    /// <summary>The OpenAI-compatible engine with a real HttpClient, pointed at <paramref name="baseUrl"/>.</summary>
    public static OpenAiEngineHandle OpenAi(Uri baseUrl, Action<OpenAiSpeechOptions>? configure = null)
    {
        var speech = new SpeechOptions { Engine = SpeechEngineKind.OpenAi };
        speech.OpenAi.BaseUrl = baseUrl.ToString();
        speech.OpenAi.RetryDelay = TimeSpan.FromMilliseconds(50);
        configure?.Invoke(speech.OpenAi);
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var engine = new OpenAiSpeechEngine(services.GetRequiredService<IHttpClientFactory>(), Options.Create(speech),
            NullLogger<OpenAiSpeechEngine>.Instance);
        return new OpenAiEngineHandle(engine, speech, services);
    }

    public sealed class OpenAiEngineHandle(OpenAiSpeechEngine engine, SpeechOptions speech, ServiceProvider services) : IDisposable
    {
        public OpenAiSpeechEngine Engine => engine;

        public SpeechOptions Speech => speech;

        public void Dispose() => services.Dispose();
    }
}
