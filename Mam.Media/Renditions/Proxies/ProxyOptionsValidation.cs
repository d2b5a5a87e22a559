using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Mam.Media.Renditions.Proxies;

/// <summary>The rules for section "Proxies", each message naming the setting as it is written in
/// configuration (Proxies:Profiles:dailies:Crf), so the operator knows which line to change. An
/// <see cref="IValidateOptions{TOptions}"/> rather than data annotations, so "Not started:" shows the
/// messages as they are, without the "DataAnnotation validation failed for…" wrapping.</summary>
internal sealed class ProxyOptionsValidation : IValidateOptions<ProxyOptions>
{
    // 64 px is the smallest frame every hardware encoder accepts; 8K UHD is the largest worth a proxy.
    private const int SmallestSide = 64;
    private const int LargestSide = 7680;

    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Validate(options).Select(r => r.ErrorMessage!).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<ValidationResult> Validate(ProxyOptions options)
    {
        if (options.Profiles.Count == 0)
        {
            yield return Error("Proxies:Profiles must name at least one profile.", nameof(options.Profiles));
        }
        else if (!options.Profiles.ContainsKey(options.DefaultProfile ?? ""))
        {
            yield return Error($"Proxies:DefaultProfile is '{options.DefaultProfile}', but Proxies:Profiles has only " +
                $"{string.Join(", ", options.Profiles.Keys.Order(StringComparer.Ordinal).Select(k => $"'{k}'"))}.", nameof(options.DefaultProfile));
        }

        if (!Enum.IsDefined(options.HardwareEncoding))
        {
            yield return Error("Proxies:HardwareEncoding must be Auto, Off, Vaapi, Nvenc or Qsv.", nameof(options.HardwareEncoding));
        }

        if (!string.IsNullOrWhiteSpace(options.VaapiDevice) && !Path.IsPathRooted(options.VaapiDevice))
        {
            yield return Error($"Proxies:VaapiDevice must be an absolute path such as /dev/dri/renderD128, got '{options.VaapiDevice}'.", nameof(options.VaapiDevice));
        }

        if (string.IsNullOrWhiteSpace(options.BurnInFont) || !Path.IsPathRooted(options.BurnInFont))
        {
            yield return Error($"Proxies:BurnInFont must be an absolute path to a .ttf or .otf file, got '{options.BurnInFont}'.", nameof(options.BurnInFont));
        }

        foreach (var (name, profile) in options.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var problem in Validate($"Proxies:Profiles:{name}", profile))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<ValidationResult> Validate(string prefix, ProxyProfile profile)
    {
        if (profile is null)
        {
            yield return Error($"{prefix} is empty.", prefix);
            yield break;
        }

        foreach (var (setting, value) in new[] { ("MaxWidth", profile.MaxWidth), ("MaxHeight", profile.MaxHeight) })
        {
            if (value is { } side && side is < SmallestSide or > LargestSide)
            {
                yield return Error(F($"{prefix}:{setting} must be between {SmallestSide} and {LargestSide} pixels (or left out for no limit), got {side}."), setting);
            }
        }

        if (!Enum.IsDefined(profile.Codec))
        {
            yield return Error($"{prefix}:Codec must be H264 or Hevc.", "Codec");
        }

        if (profile.Crf is not null && profile.VideoBitrateKbps is not null)
        {
            yield return Error($"{prefix} sets both Crf and VideoBitrateKbps: set one (constant quality or an average bitrate), not both.", "Crf");
        }

        if (profile.Crf is { } crf && crf is < 0 or > 51)
        {
            yield return Error(F($"{prefix}:Crf must be between 0 (best) and 51 (smallest), got {crf}."), "Crf");
        }

        if (profile.VideoBitrateKbps is { } video && video is < 100 or > 200_000)
        {
            yield return Error(F($"{prefix}:VideoBitrateKbps must be between 100 and 200000, got {video}."), "VideoBitrateKbps");
        }

        if (profile.AudioBitrateKbps is < 32 or > 512)
        {
            yield return Error(F($"{prefix}:AudioBitrateKbps must be between 32 and 512, got {profile.AudioBitrateKbps}."), "AudioBitrateKbps");
        }
    }

    private static ValidationResult Error(string message, string member) => new(message, [member]);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
