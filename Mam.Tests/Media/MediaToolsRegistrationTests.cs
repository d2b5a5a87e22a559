using Mam.Media;
using Mam.Media.Probing;
using Mam.Media.Renditions;
using Mam.Media.Speech;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media;

[TestFixture]
public class MediaToolsRegistrationTests
{
    [Test]
    public void AddMediaTools_EmptyConfiguration_ResolvesEveryToolWithDebianDefaults()
    {
        using var provider = Build([]);

        provider.GetRequiredService<IMediaProbe>().ShouldBeOfType<FfprobeMediaProbe>();
        provider.GetRequiredService<IRenditionMaker>().ShouldBeOfType<FfmpegRenditionMaker>();
        provider.GetRequiredService<ITranscriber>().Engine.ShouldBe("pocketsphinx");
        var options = provider.GetRequiredService<IOptions<MediaToolsOptions>>().Value;
        options.FfmpegPath.ShouldBe("/usr/bin/ffmpeg");
        options.StageTimeout.ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Test]
    public void AddMediaTools_ConfiguredValues_AreBound()
    {
        using var provider = Build(new() { ["MediaTools:FfprobePath"] = "/opt/ffmpeg/bin/ffprobe", ["MediaTools:StageTimeout"] = "00:05:00" });

        var options = provider.GetRequiredService<IOptions<MediaToolsOptions>>().Value;

        options.FfprobePath.ShouldBe("/opt/ffmpeg/bin/ffprobe");
        options.StageTimeout.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [TestCase("MediaTools:FfmpegPath", "ffmpeg", "absolute path")]
    [TestCase("MediaTools:StageTimeout", "00:00:00", "StageTimeout")]
    [TestCase("MediaTools:PocketsphinxPath", "", "PocketsphinxPath")]
    public void AddMediaTools_InvalidValue_FailsValidationNamingTheSetting(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        var ex = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MediaToolsOptions>>().Value);

        ex.Message.ShouldContain(expected);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddMediaTools(configuration).BuildServiceProvider();
    }
}
