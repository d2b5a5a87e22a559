using Mam.Media;
using Mam.Media.Speech;
using Mam.Media.Speech.OpenAi;
using Mam.Media.Speech.Pocketsphinx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media.Speech;

[TestFixture]
public sealed class SpeechRegistrationTests
{
    [Test]
    public void AddMediaTools_WithoutSpeechSettings_TranscribesWithPocketsphinx()
    {
        using var provider = Build([]);

        provider.GetRequiredService<ISpeechEngine>().ShouldBeOfType<PocketsphinxEngine>();
        provider.GetRequiredService<ITranscriber>().Engine.ShouldBe("pocketsphinx");
    }

    [Test]
    public void AddMediaTools_WithOpenAiEngine_TranscribesWithTheConfiguredServerAndModel()
    {
        using var provider = Build(new()
        {
            ["Speech:Engine"] = "OpenAi",
            ["Speech:OpenAi:BaseUrl"] = "http://gpu1:8000/v1",
            ["Speech:OpenAi:Model"] = "Systran/faster-whisper-large-v3",
            ["Speech:OpenAi:MaxUploadBytes"] = "10000000",
        });

        var engine = provider.GetRequiredService<ISpeechEngine>().ShouldBeOfType<OpenAiSpeechEngine>();
        engine.Server.ShouldBe("http://gpu1:8000/v1");
        engine.MaxChunkSeconds.ShouldBe(312, "10 MB of 16 kHz 16-bit mono WAV");
        provider.GetRequiredService<ITranscriber>().Engine.ShouldBe("openai:Systran/faster-whisper-large-v3");
    }

    [TestCase("Speech:Engine", "Whisper", "Speech:Engine")]
    [TestCase("Speech:OpenAi:BaseUrl", "", "BaseUrl")]
    [TestCase("Speech:OpenAi:BaseUrl", "gpu1:8000/v1", "absolute http(s) URL")]
    [TestCase("Speech:OpenAi:Timeout", "00:00:00", "Timeout")]
    [TestCase("Speech:OpenAi:Language", "English", "Language")]
    public void AddMediaTools_WithInvalidOpenAiSettings_FailsAtStartNamingTheSetting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Speech:Engine"] = "OpenAi", ["Speech:OpenAi:BaseUrl"] = "http://gpu1:8000/v1", [key] = value };

        var ex = Should.Throw<Exception>(() =>
        {
            using var provider = Build(settings);
            _ = provider.GetRequiredService<IOptions<SpeechOptions>>().Value;
        });

        ex.Message.ShouldContain(expected);
    }

    [Test]
    public void AddMediaTools_WithPocketsphinx_DoesNotRequireAnOpenAiUrl()
    {
        using var provider = Build(new() { ["Speech:OpenAi:BaseUrl"] = "" });

        provider.GetRequiredService<IOptions<SpeechOptions>>().Value.Engine.ShouldBe(SpeechEngineKind.Pocketsphinx);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMediaTools(configuration).BuildServiceProvider();
    }
}
