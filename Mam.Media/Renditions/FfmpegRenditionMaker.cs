using System.Globalization;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Microsoft.Extensions.Options;
using Mam.Media.Capabilities;

namespace Mam.Media.Renditions;

/// <summary>Browse renditions with ffmpeg: an H.264/AAC proxy, a poster JPEG and a filmstrip JPEG.</summary>
public sealed class FfmpegRenditionMaker : IRenditionMaker
{
    /// <summary>Width of one filmstrip thumbnail; the strip is this times the frame count.</summary>
    public const int FilmstripThumbnailWidth = 160;

    private const int ProxyWidth = 960;

    /// <summary>What the commands below ask of ffmpeg, checked once at start (<see cref="FfmpegReadiness"/>).
    /// The proxy's -preset and -crf are libx264's own options, so its encoder is not a setting.</summary>
    public static FfmpegNeeds Needs { get; } = new("proxies, posters and filmstrips",
        ["libx264", "aac", "mjpeg"], ["scale", "setsar", "hstack", "null"]);

    private readonly ProcessRunner runner;
    private readonly MediaToolsOptions options;

    public FfmpegRenditionMaker(ProcessRunner runner, IOptions<MediaToolsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.runner = runner;
        this.options = options.Value;
    }

    public Task MakeProxyAsync(string sourcePath, string outputPath, CancellationToken cancellationToken) =>
        WriteViaTempAsync(outputPath, temp =>
        [
            "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-y",
            "-i", InputPath(sourcePath),
            // First picture and, when there is one, first sound; the '?' makes a silent B-roll clip legal.
            "-map", "0:v:0", "-map", "0:a:0?",
            // Never upscale; '-2' keeps the aspect with an even height, which yuv420p H.264 requires.
            "-vf", string.Create(CultureInfo.InvariantCulture, $"scale=w='trunc(min({ProxyWidth},iw)/2)*2':h=-2"),
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "128k",
            // moov before mdat so a browser can start playing before the whole file has arrived.
            "-movflags", "+faststart",
            "-f", "mp4", temp,
        ], cancellationToken);

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

    /// <summary>An absolute path can never be mistaken for an option ("-x.mov") or a protocol ("a:b.mov").</summary>
    private static string InputPath(string path) => Path.GetFullPath(path);

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
