using Mam.Media;
using Mam.Media.Renditions.Proxies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Media.Renditions;

/// <summary>Section "Proxies" as an operator writes it: bound over the built-in standard profile, and refused
/// at start with a message naming each wrong setting.</summary>
[TestFixture]
public sealed class ProxySettingsTests
{
    [Test]
    public void Proxies_Unconfigured_AreTheStandardProfile960WideH264Crf23InSoftwareOrOnADetectedGpu()
    {
        var options = Bind([]);

        options.HardwareEncoding.ShouldBe(HardwareEncoding.Auto);
        var standard = options.Profile();
        (standard.MaxWidth, standard.MaxHeight, standard.Codec, standard.EffectiveCrf, standard.AudioBitrateKbps, standard.BurnIn)
            .ShouldBe((960, (int?)null, ProxyCodec.H264, 23, 128, false));
    }

    [Test]
    public void Proxies_ProfileAddedAndStandardChanged_KeepsTheOtherStandardDefaultsAndUsesTheNamedDefault()
    {
        var options = Bind(new()
        {
            ["Proxies:DefaultProfile"] = "Dailies",
            ["Proxies:Profiles:standard:MaxWidth"] = "1280",
            ["Proxies:Profiles:dailies:MaxHeight"] = "720",
            ["Proxies:Profiles:dailies:Codec"] = "Hevc",
            ["Proxies:Profiles:dailies:BurnIn"] = "true",
            ["Proxies:HardwareEncoding"] = "Off",
        });

        options.Profiles.Keys.Order(StringComparer.Ordinal).ShouldBe(["dailies", "standard"]);
        options.Profile("standard").MaxWidth.ShouldBe(1280);
        options.Profile("standard").AudioBitrateKbps.ShouldBe(128);
        var dailies = options.Profile();
        (dailies.MaxHeight, dailies.Codec, dailies.EffectiveCrf, dailies.BurnIn).ShouldBe((720, ProxyCodec.Hevc, 28, true));
    }

    [TestCase("Proxies:Profiles:standard:Crf", "70", "Proxies:Profiles:standard:Crf must be between 0 (best) and 51 (smallest), got 70.")]
    [TestCase("Proxies:Profiles:standard:MaxWidth", "10", "Proxies:Profiles:standard:MaxWidth must be between 64 and 7680 pixels (or left out for no limit), got 10.")]
    [TestCase("Proxies:Profiles:web:MaxHeight", "9000", "Proxies:Profiles:web:MaxHeight must be between 64 and 7680 pixels (or left out for no limit), got 9000.")]
    [TestCase("Proxies:Profiles:standard:AudioBitrateKbps", "8", "Proxies:Profiles:standard:AudioBitrateKbps must be between 32 and 512, got 8.")]
    [TestCase("Proxies:Profiles:standard:VideoBitrateKbps", "50", "Proxies:Profiles:standard:VideoBitrateKbps must be between 100 and 200000, got 50.")]
    [TestCase("Proxies:DefaultProfile", "dailies", "Proxies:DefaultProfile is 'dailies', but Proxies:Profiles has only 'standard'.")]
    [TestCase("Proxies:VaapiDevice", "renderD128", "Proxies:VaapiDevice must be an absolute path such as /dev/dri/renderD128, got 'renderD128'.")]
    [TestCase("Proxies:BurnInFont", "DejaVuSans.ttf", "Proxies:BurnInFont must be an absolute path to a .ttf or .otf file, got 'DejaVuSans.ttf'.")]
    public void Proxies_SettingOutOfRange_IsRefusedNamingTheSetting(string key, string value, string message)
    {
        var ex = Should.Throw<OptionsValidationException>(() => Bind(new() { [key] = value }));

        ex.Failures.ShouldContain(message);
    }

    [Test]
    public void Proxies_BothCrfAndBitrate_IsRefusedSayingToSetOne()
    {
        var ex = Should.Throw<OptionsValidationException>(() => Bind(new()
        {
            ["Proxies:Profiles:standard:Crf"] = "20",
            ["Proxies:Profiles:standard:VideoBitrateKbps"] = "2000",
        }));

        ex.Failures.ShouldBe(["Proxies:Profiles:standard sets both Crf and VideoBitrateKbps: set one (constant quality or an average bitrate), not both."]);
    }

    private static ProxyOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddMediaTools(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<ProxyOptions>>().Value;
    }
}
