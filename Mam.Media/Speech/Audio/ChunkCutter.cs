using System.Globalization;
using System.Text;
using Mam.Media.Processes;
using Mam.Media.Capabilities;

namespace Mam.Media.Speech.Audio;

/// <summary>Writes one piece of a clip's speech as the engines want it (16 kHz mono 16-bit WAV) to a
/// file. ffmpeg seeks to the piece (sample-accurate for audio) and reads only what it needs, so the
/// memory and disk a 4-hour clip takes are those of one piece.</summary>
public sealed class ChunkCutter(ProcessRunner runner, MediaToolsOptions tools)
{
    public const int SampleRate = 16000;

    /// <summary>What a cut asks of ffmpeg, checked at start.</summary>
    public static FfmpegNeeds Needs { get; } = new("transcripts", ["pcm_s16le"], ["aformat", "amix"]);

    /// <param name="tracks">0-based audio tracks to hear; several are summed (not averaged, so one voice
    /// among silent tracks keeps its level).</param>
    public async Task CutAsync(string mediaPath, IReadOnlyList<int> tracks, Interval piece, string wavPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentOutOfRangeException.ThrowIfZero(tracks.Count);
        var arguments = new List<string>
        {
            "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-y",
            "-ss", Seconds(piece.Start), "-t", Seconds(piece.Length),
            "-i", Path.GetFullPath(mediaPath),
        };
        if (tracks.Count == 1)
        {
            arguments.AddRange(["-map", string.Create(CultureInfo.InvariantCulture, $"0:a:{tracks[0]}")]);
        }
        else
        {
            var graph = new StringBuilder();
            foreach (var track in tracks)
            {
                graph.Append(CultureInfo.InvariantCulture, $"[0:a:{track}]aformat=channel_layouts=mono[m{track}];");
            }
            foreach (var track in tracks)
            {
                graph.Append(CultureInfo.InvariantCulture, $"[m{track}]");
            }
            graph.Append(CultureInfo.InvariantCulture, $"amix=inputs={tracks.Count}:normalize=0:duration=longest[speech]");
            arguments.AddRange(["-filter_complex", graph.ToString(), "-map", "[speech]"]);
        }
        arguments.AddRange(["-ac", "1", "-ar", SampleRate.ToString(CultureInfo.InvariantCulture), "-c:a", "pcm_s16le", "-f", "wav", wavPath]);
        await runner.RunAsync(tools.FfmpegPath, arguments, tools.StageTimeout, cancellationToken).ConfigureAwait(false);
    }

    private static string Seconds(double seconds) => seconds.ToString("0.######", CultureInfo.InvariantCulture);
}
