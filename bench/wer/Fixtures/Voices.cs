using Mam.Media.Processes;

namespace Mam.Bench.Wer.Fixtures;

/// <summary>Synthetic speakers that run offline here: festival with the HTS voice the test fixtures use,
/// and flite. Each line becomes a clip: one second of silence, the line, one second of silence, as
/// 48 kHz PCM in a WAV — what a sound recorder would hand over.</summary>
public static class Voices
{
    /// <summary>"flite" is its 16 kHz diphone voice (kal16); "flite-8k" the 8 kHz default (kal), telephone
    /// bandwidth, to show what narrow-band audio does to a 16 kHz acoustic model.</summary>
    public static IReadOnlyList<string> Known { get; } = ["festival", "flite", "flite-8k"];

    public static async Task<string> SpeakAsync(ProcessRunner runner, string voice, string line, string folder, string name, CancellationToken cancellationToken)
    {
        var raw = Path.Combine(folder, $"{name}.voice.wav");
        if (voice == "festival")
        {
            var text = Path.Combine(folder, $"{name}.txt");
            await File.WriteAllTextAsync(text, line + "\n", cancellationToken).ConfigureAwait(false);
            await runner.RunAsync("/usr/bin/text2wave", ["-eval", "(voice_cmu_us_slt_arctic_hts)", text, "-o", raw], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await runner.RunAsync("/usr/bin/flite", ["-voice", voice == "flite" ? "kal16" : "kal", "-t", line, "-o", raw], cancellationToken).ConfigureAwait(false);
        }

        var clip = Path.Combine(folder, $"{name}.wav");
        await runner.RunAsync("/usr/bin/ffmpeg",
        [
            "-nostdin", "-v", "error", "-y", "-i", raw,
            "-af", "aresample=48000,adelay=1000:all=1,apad=pad_dur=1",
            "-c:a", "pcm_s16le", clip,
        ], cancellationToken).ConfigureAwait(false);
        File.Delete(raw);
        return clip;
    }

    public static string Describe(string voice) => voice switch
    {
        "festival" => "festival 2.5, voice cmu_us_slt_arctic_hts (the test fixtures' voice)",
        "flite" => "flite 2.2, voice kal16 (16 kHz diphone)",
        _ => "flite 2.2, voice kal (8 kHz diphone, telephone bandwidth)",
    };
}
