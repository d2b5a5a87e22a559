using Mam.Core.Media.Probing;
using Mam.Core.Media.Processes;
using Microsoft.Extensions.Options;

namespace Mam.Core.Media.Speech;

/// <summary>Offline speech-to-text with CMU pocketsphinx (US English model). ffmpeg first turns the clip's
/// first audio stream into the 16 kHz mono 16-bit WAV the acoustic model was trained on.</summary>
public sealed class PocketsphinxTranscriber : ITranscriber
{
    private readonly ProcessRunner runner;
    private readonly IMediaProbe probe;
    private readonly MediaToolsOptions options;

    public PocketsphinxTranscriber(ProcessRunner runner, IMediaProbe probe, IOptions<MediaToolsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.runner = runner;
        this.probe = probe;
        this.options = options.Value;
    }

    public string Engine => "pocketsphinx";

    public async Task<Transcript> TranscribeAsync(string mediaPath, CancellationToken cancellationToken)
    {
        var info = await probe.ProbeAsync(mediaPath, cancellationToken).ConfigureAwait(false);
        if (!info.HasAudio)
        {
            return new Transcript(Engine, []);
        }

        var workFolder = Path.Combine(Path.GetTempPath(), "mam-transcribe", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workFolder);
        try
        {
            var wav = Path.Combine(workFolder, "speech.wav");
            await runner.RunAsync(options.FfmpegPath,
            [
                "-nostdin", "-hide_banner", "-nostats", "-v", "error", "-y",
                "-i", Path.GetFullPath(mediaPath),
                "-map", "0:a:0", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", "-f", "wav", wav,
            ], options.StageTimeout, cancellationToken).ConfigureAwait(false);

            var result = await runner.RunAsync(options.PocketsphinxPath,
                ["-infile", wav, "-time", "yes", "-logfn", "/dev/null"],
                options.StageTimeout, cancellationToken).ConfigureAwait(false);

            return new Transcript(Engine, PocketsphinxOutputParser.Parse(result.StandardOutput));
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }
}
