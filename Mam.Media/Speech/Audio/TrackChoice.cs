using System.Globalization;

namespace Mam.Media.Speech.Audio;

/// <summary>What one audio track of a clip sounds like: where it is quiet, over how long.</summary>
/// <param name="Track">0-based audio track (ffmpeg's "0:a:N").</param>
public sealed record TrackSound(int Track, double Duration, IReadOnlyList<Interval> Silences)
{
    public double SilentSeconds => Silences.Sum(s => Math.Max(0, Math.Min(s.End, Duration) - Math.Max(s.Start, 0)));

    public double SoundSeconds => Math.Max(0, Duration - SilentSeconds);
}

/// <summary>Which tracks to transcribe. Sound recordists put the boom, radio mics and a mix on separate
/// tracks, leave some empty, and sometimes park line-up tone on one. Speech pauses; tone and hum do
/// not. So: drop silent tracks; if some tracks pause and others never do, keep the ones that pause;
/// mix what is kept.</summary>
public sealed record TrackChoice(IReadOnlyList<int> Tracks, string? Note)
{
    /// <summary>Less sound than this on a track is a click or a bump, not a voice.</summary>
    public const double MinSoundSeconds = 0.2;

    public bool IsSilent => Tracks.Count == 0;

    public static TrackChoice Choose(IReadOnlyList<TrackSound> tracks, double silenceThresholdDb)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var sounding = tracks.Where(t => t.SoundSeconds >= MinSoundSeconds).ToList();
        if (sounding.Count == 0)
        {
            var where = tracks.Count == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $" on all {tracks.Count} audio tracks");
            return new TrackChoice([], string.Create(CultureInfo.InvariantCulture,
                $"The audio is silent throughout (quieter than {silenceThresholdDb:0.#} dBFS{where}): no speech to transcribe."));
        }

        var pausing = sounding.Where(t => t.SilentSeconds > 0).ToList();
        var chosen = pausing.Count > 0 ? pausing : sounding;
        if (tracks.Count == 1)
        {
            return new TrackChoice([chosen[0].Track], null);
        }

        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Transcribed audio track{(chosen.Count == 1 ? "" : "s")} {Numbers(chosen)} of {tracks.Count}{(chosen.Count > 1 ? " (mixed)" : "")}"),
        };
        var steady = sounding.Except(chosen).ToList();
        if (steady.Count > 0)
        {
            parts.Add($"left out {Numbers(steady)}: steady sound without pauses (tone or noise)");
        }
        var silent = tracks.Except(sounding).ToList();
        if (silent.Count > 0)
        {
            parts.Add($"left out {Numbers(silent)}: silent");
        }
        return new TrackChoice(chosen.Select(t => t.Track).ToList(), string.Join("; ", parts) + ".");
    }

    /// <summary>1-based, as a mixer or an NLE numbers tracks.</summary>
    private static string Numbers(IEnumerable<TrackSound> tracks) =>
        string.Join(", ", tracks.Select(t => (t.Track + 1).ToString(CultureInfo.InvariantCulture)));
}
