using Mam.Media.Processes;
using Microsoft.Extensions.Options;

namespace Mam.Media.Speech.Pocketsphinx;

/// <summary>Offline speech-to-text with CMU pocketsphinx and its US English model, on this machine's CPU
/// (~14× real time on one core). It hears the 16 kHz mono WAV the acoustic model was trained on.</summary>
public sealed class PocketsphinxEngine : ISpeechEngine
{
    private readonly ProcessRunner runner;
    private readonly MediaToolsOptions tools;
    private readonly SpeechOptions speech;

    public PocketsphinxEngine(ProcessRunner runner, IOptions<MediaToolsOptions> tools, IOptions<SpeechOptions> speech)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(speech);
        this.runner = runner;
        this.tools = tools.Value;
        this.speech = speech.Value;
    }

    public string Name => "pocketsphinx";

    public double MaxChunkSeconds => speech.Pocketsphinx.MaxChunkSeconds;

    public async Task<IReadOnlyList<TranscriptSegmentData>> TranscribeAsync(SpeechChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var result = await runner.RunAsync(tools.PocketsphinxPath,
            ["-infile", chunk.WavPath, "-time", "yes", "-logfn", "/dev/null"],
            tools.StageTimeout, cancellationToken).ConfigureAwait(false);
        return PocketsphinxOutputParser.Parse(result.StandardOutput);
    }
}
