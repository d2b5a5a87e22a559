using System.Globalization;
using Mam.Hosting;
using Mam.Media.Probing;
using Mam.Media.Processes;
using Mam.Media.Speech.Audio;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Media.Speech;

/// <summary>Transcribes a whole clip with the configured engine: listens to every audio track once,
/// keeps the tracks that carry speech, cuts the clip on pauses into pieces the engine accepts (one temp
/// WAV at a time), and puts each piece's phrases back on the clip's clock.</summary>
public sealed class ClipTranscriber : ITranscriber
{
    private readonly IMediaProbe probe;
    private readonly ISpeechEngine engine;
    private readonly SpeechOptions speech;
    private readonly AudioListener listener;
    private readonly ChunkCutter cutter;
    private readonly WorkFolders workFolders;
    private readonly ILogger<ClipTranscriber> logger;

    public ClipTranscriber(
        ProcessRunner runner, IMediaProbe probe, ISpeechEngine engine,
        IOptions<MediaToolsOptions> tools, IOptions<SpeechOptions> speech, WorkFolders workFolders, ILogger<ClipTranscriber> logger)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(speech);
        this.probe = probe;
        this.engine = engine;
        this.speech = speech.Value;
        this.workFolders = workFolders;
        this.logger = logger;
        listener = new AudioListener(runner, tools.Value, speech.Value);
        cutter = new ChunkCutter(runner, tools.Value);
    }

    public string Engine => engine.Name;

    public async Task<Transcript> TranscribeAsync(string mediaPath, CancellationToken cancellationToken)
    {
        var info = await probe.ProbeAsync(mediaPath, cancellationToken).ConfigureAwait(false);
        if (!info.HasAudio)
        {
            return new Transcript(Engine, []) { Note = "The clip has no audio stream." };
        }

        using var work = workFolders.Create("transcribe");
        var tracks = await listener.ListenAsync(mediaPath, info.Audio.Count, info.DurationSeconds, work.Path, cancellationToken).ConfigureAwait(false);
        var choice = TrackChoice.Choose(tracks, speech.SilenceThresholdDb);
        if (choice.IsSilent)
        {
            return new Transcript(Engine, []) { Note = choice.Note };
        }

        var duration = tracks.Max(t => t.Duration);
        var silences = Interval.Common(choice.Tracks.Select(t => tracks[t].Silences));
        var pieces = ChunkPlan.Plan(duration, silences, engine.MaxChunkSeconds);
        var segments = new List<TranscriptSegmentData>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            var wav = work.File(string.Create(CultureInfo.InvariantCulture, $"piece-{i:D5}.wav"));
            try
            {
                await cutter.CutAsync(mediaPath, choice.Tracks, piece, wav, cancellationToken).ConfigureAwait(false);
                var heard = await engine.TranscribeAsync(new SpeechChunk(wav, piece.Length), cancellationToken).ConfigureAwait(false);
                segments.AddRange(heard.Select(s => OnClipClock(s, piece)));
                logger.LogDebug("{Clip}: piece {Piece}/{Pieces} ({Start:0.0}–{End:0.0} s) gave {Phrases} phrase(s)",
                    Path.GetFileName(mediaPath), i + 1, pieces.Count, piece.Start, piece.End, heard.Count);
            }
            finally
            {
                File.Delete(wav);
            }
        }

        return new Transcript(Engine, segments.OrderBy(s => s.Start).ToList())
        {
            Note = Describe(choice, pieces, duration),
            ChunksTranscribed = pieces.Count,
        };
    }

    /// <summary>The engine timed the phrase from the start of the piece; the catalog times it from the
    /// start of the clip. Times are kept inside the piece; a phrase the engine did not score stays
    /// unscored (null), so exports show "no score" rather than a made-up 0.</summary>
    private static TranscriptSegmentData OnClipClock(TranscriptSegmentData segment, Interval piece)
    {
        double At(double seconds) => piece.Start + Math.Clamp(seconds, 0, piece.Length);
        var words = segment.Words.Select(w => w with { Start = At(w.Start), End = At(Math.Max(w.End, w.Start)) }).ToList();
        return new TranscriptSegmentData(At(segment.Start), At(Math.Max(segment.End, segment.Start)), segment.Text, words, segment.Confidence);
    }

    private static string? Describe(TrackChoice choice, IReadOnlyList<Interval> pieces, double duration)
    {
        var parts = new List<string>();
        if (choice.Note is { } tracks)
        {
            parts.Add(tracks.TrimEnd('.'));
        }
        if (pieces.Count > 1)
        {
            var heard = pieces.Sum(p => p.Length);
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"cut on pauses into {pieces.Count} pieces ({heard / 60:0.#} of {duration / 60:0.#} min with sound)"));
        }
        return parts.Count == 0 ? null : string.Join("; ", parts) + ".";
    }
}
