using System.Buffers.Binary;
using Mam.Media.Capabilities;
using Mam.Media.Processes;
using Microsoft.Extensions.Options;

namespace Mam.Media.Waveforms;

/// <summary>Reads a clip's first audio stream with ffmpeg as 8 kHz mono PCM and turns it into peaks:
/// 50 pixels a second, fine enough to see a clap or a line of dialogue under the player, small enough
/// (about 100 bytes a second of JSON) to load with the page.</summary>
public sealed class FfmpegWaveformReader(ProcessRunner runner, IOptions<MediaToolsOptions> options)
{
    public const int SampleRate = 8000;
    public const int PixelsPerSecond = 50;

    public static FfmpegNeeds Needs { get; } = new("waveforms", ["pcm_s16le"], ["aresample"]);

    /// <param name="scratchFolder">Where the PCM goes while it is read; removed by the caller.</param>
    public async Task<Waveform> ReadAsync(string sourcePath, string scratchFolder, CancellationToken cancellationToken)
    {
        var pcm = Path.Combine(scratchFolder, "audio.s16le");
        await runner.RunAsync(options.Value.FfmpegPath,
        [
            "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-y",
            "-i", Path.GetFullPath(sourcePath),
            "-map", "0:a:0", "-vn", "-ac", "1", "-ar", SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:a", "pcm_s16le", "-f", "s16le", pcm,
        ], options.Value.StageTimeout, cancellationToken).ConfigureAwait(false);

        return Waveform.FromSamples(ReadSamples(pcm), SampleRate, SampleRate / PixelsPerSecond);
    }

    private static IEnumerable<short> ReadSamples(string pcm)
    {
        using var stream = new FileStream(pcm, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var buffer = new byte[1 << 16];
        int read, carried = 0;
        while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
        {
            var available = carried + read;
            var whole = available & ~1;
            for (var i = 0; i < whole; i += 2)
            {
                yield return BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(i, 2));
            }
            carried = available - whole;
            if (carried > 0)
            {
                buffer[0] = buffer[whole];
            }
        }
    }
}
