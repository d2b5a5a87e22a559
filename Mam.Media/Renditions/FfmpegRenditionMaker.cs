using System.Globalization;
using Mam.Media.Capabilities;
using Mam.Media.Processes;
using Mam.Media.Renditions.Proxies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Media.Renditions;

/// <summary>Browse renditions with ffmpeg: a proxy as its profile says (section "Proxies"), a poster JPEG and a
/// filmstrip JPEG.</summary>
public sealed partial class FfmpegRenditionMaker : IRenditionMaker
{
    /// <summary>Width of one filmstrip thumbnail; the strip is this times the frame count.</summary>
    public const int FilmstripThumbnailWidth = 160;

    /// <summary>Width of posters (the default proxy profile's width).</summary>
    private const int ProxyWidth = 960;

    /// <summary>The longest fallback reason kept in a stage's note; ffmpeg's last lines can run long.</summary>
    private const int FallbackReasonLength = 300;

    /// <summary>What the commands below ask of ffmpeg, checked once at start (<see cref="FfmpegReadiness"/>).
    /// libx264 in every mode: H.264 profiles use it, and it is what a clip the GPU refuses falls back to.
    /// Profiles add their own (libx265, drawtext: <see cref="ProxyReadiness.NeedsOf"/>).</summary>
    public static FfmpegNeeds Needs { get; } = new("proxies, posters and filmstrips",
        ["libx264", "aac", "mjpeg"], ["scale", "setsar", "hstack", "null", "format"]);

    private readonly ProcessRunner runner;
    private readonly MediaToolsOptions options;
    private readonly ProxyOptions proxies;
    private readonly FfmpegReadiness readiness;
    private readonly ILogger<FfmpegRenditionMaker> logger;

    public FfmpegRenditionMaker(
        ProcessRunner runner, IOptions<MediaToolsOptions> options, IOptions<ProxyOptions> proxies, FfmpegReadiness readiness,
        ILogger<FfmpegRenditionMaker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(proxies);
        this.runner = runner;
        this.options = options.Value;
        this.proxies = proxies.Value;
        this.readiness = readiness;
        this.logger = logger;
    }

    public async Task<ProxyMade> MakeProxyAsync(string sourcePath, string outputPath, ProxyClip clip, string? profileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var name = profileName ?? proxies.DefaultProfile;
        var profile = proxies.Profile(name);
        var source = InputPath(sourcePath);
        string? fallbackReason = null;
        if ((await readiness.CheckAsync(cancellationToken).ConfigureAwait(false)).ProxyHardware is { } hardware)
        {
            var encoder = hardware.EncoderFor(profile.Codec);
            try
            {
                await WriteViaTempAsync(outputPath, temp => ProxyCommand.Build(source, temp, profile, clip, hardware, proxies.BurnInFont), cancellationToken)
                    .ConfigureAwait(false);
                return new ProxyMade(name, encoder, null);
            }
            // Only a refusal: ffmpeg ran and exited non-zero (or wrote nothing). A timeout (no exit code) would
            // only time out again in software, and cancellation must stop the stage, not start a second encode.
            catch (ExternalProcessException ex) when (ex.ExitCode is not null)
            {
                fallbackReason = Truncate($"{encoder} refused it: {OneLine(ex.Message)}");
                logger.LogWarning("Proxy of {Clip}: the hardware encoder {Encoder} refused it, encoding in software ({Software}) instead: {Reason}",
                    clip.Name, encoder, ProxyCommand.SoftwareEncoder(profile.Codec), ex.Message);
            }
        }

        await WriteViaTempAsync(outputPath, temp => ProxyCommand.Build(source, temp, profile, clip, null, proxies.BurnInFont), cancellationToken)
            .ConfigureAwait(false);
        return new ProxyMade(name, ProxyCommand.SoftwareEncoder(profile.Codec), fallbackReason);
    }

    public Task MakePosterAsync(string sourcePath, string outputPath, double atSeconds, double durationSeconds, CancellationToken cancellationToken)
    {
        var at = Math.Clamp(atSeconds, 0, Math.Max(0, durationSeconds - 0.1));
        return WriteViaTempAsync(outputPath, temp =>
        [
            "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-y",
            "-ss", Seconds(at), "-i", InputPath(sourcePath),
            "-map", "0:v:0", "-frames:v", "1",
            "-vf", string.Create(CultureInfo.InvariantCulture, $"scale=w='trunc(min({ProxyWidth},iw)/2)*2':h=-2"),
            "-q:v", "3", "-f", "image2", "-update", "1", temp,
        ], cancellationToken);
    }

    public Task MakeFilmstripAsync(string sourcePath, string outputPath, double durationSeconds, int frames, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(durationSeconds);
        return WriteViaTempAsync(outputPath, temp =>
        {
            // One fast input seek per thumbnail: only a few frames are decoded, whatever the clip length
            // (select+tile would decode the whole clip).
            var arguments = new List<string> { "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-y" };
            var filter = new List<string>();
            for (var i = 0; i < frames; i++)
            {
                var at = durationSeconds * (i + 0.5) / frames;
                arguments.AddRange(["-ss", Seconds(at), "-i", InputPath(sourcePath)]);
                filter.Add(string.Create(CultureInfo.InvariantCulture,
                    $"[{i}:v:0]scale={FilmstripThumbnailWidth}:-2,setsar=1[t{i}]"));
            }

            var labels = string.Concat(Enumerable.Range(0, frames).Select(i => $"[t{i}]"));
            filter.Add(frames == 1 ? $"{labels}null[strip]" : $"{labels}hstack=inputs={frames}[strip]");
            arguments.AddRange(["-filter_complex", string.Join(';', filter), "-map", "[strip]",
                "-frames:v", "1", "-q:v", "4", "-f", "image2", "-update", "1", temp]);
            return arguments;
        }, cancellationToken);
    }

    private async Task WriteViaTempAsync(string outputPath, Func<string, IReadOnlyList<string>> arguments, CancellationToken cancellationToken)
    {
        var fullOutput = Path.GetFullPath(outputPath);
        var folder = Path.GetDirectoryName(fullOutput)!;
        Directory.CreateDirectory(folder);
        // Same folder, so the final rename is atomic; hidden so folder watchers skip it.
        var temp = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(fullOutput)}.{Guid.NewGuid():N}.partial{Path.GetExtension(fullOutput)}");
        try
        {
            await runner.RunAsync(options.FfmpegPath, arguments(temp), options.StageTimeout, cancellationToken).ConfigureAwait(false);
            if (!File.Exists(temp) || new FileInfo(temp).Length == 0)
            {
                throw new ExternalProcessException("ffmpeg", 0, $"ffmpeg wrote nothing for {Path.GetFileName(fullOutput)}.");
            }

            File.Move(temp, fullOutput, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>ffmpeg's first two error lines (the cause; the rest says what gave up because of it), without the
    /// "failed with exit code" header and the "[h264_vaapi @ 0x55…] " prefixes, on one line.</summary>
    private static string OneLine(string message) =>
        string.Join("; ", message.Split('\n').Skip(1).Select(l => ContextPrefix().Replace(l.Trim(), "").TrimEnd('.')).Where(l => l.Length > 0).Take(2));

    private static string Truncate(string text) => text.Length <= FallbackReasonLength ? text : string.Concat(text.AsSpan(0, FallbackReasonLength - 1), "…");

    [System.Text.RegularExpressions.GeneratedRegex(@"^\[[^\]]+ @ 0x[0-9a-f]+\]\s*", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ContextPrefix();

    /// <summary>An absolute path can never be mistaken for an option ("-x.mov") or a protocol ("a:b.mov").</summary>
    private static string InputPath(string path) => Path.GetFullPath(path);

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
