using System.Diagnostics;
using System.Globalization;
using Mam.Bench.Harness;
using Mam.Bench.Wer.Fixtures;
using Mam.Bench.Wer.Scoring;
using Mam.Media;
using Mam.Media.Processes;
using Mam.Media.Speech;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Bench.Wer;

/// <summary>Word error rate of the configured speech engine (pocketsphinx by default) on generated
/// speech, through the same transcriber the pipeline uses (track choice, silence cuts, engine). A
/// program that prints numbers; it asserts nothing about them.</summary>
public static class WerBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/wer -- [--voices festival,flite,flite-8k] [--lines 15]
                 [--openai-url http://gpu1:8000/v1 --openai-model NAME] [--work DIR] [--keep-work false]
        """;

    private static readonly string[] KnownFlags = ["voices", "lines", "openai-url", "openai-model", "work", "keep-work"];

    /// <summary>What docs/environment.md of the project measured for pocketsphinx on this machine kind.</summary>
    private static readonly Dictionary<string, string> Reference = new(StringComparer.Ordinal)
    {
        ["festival"] = "~7% (festival HTS voices)",
        ["flite"] = "~17% (flite)",
        ["flite-8k"] = "~17% (flite)",
    };

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Flags flags;
        try
        {
            flags = Flags.Parse(args, KnownFlags);
            _ = flags.WholeNumber("lines", Script.Lines.Count, 1, Script.Lines.Count);
            if (Voices(flags).FirstOrDefault(v => !Fixtures.Voices.Known.Contains(v)) is { } unknown)
            {
                throw new FormatException($"Unknown voice '{unknown}'; known: {string.Join(", ", Fixtures.Voices.Known)}.");
            }
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await RunAsync(flags, Console.Out, cancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ExternalProcessException or SpeechEngineException or HttpRequestException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"benchmark failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static string[] Voices(Flags flags) =>
        (flags.Text("voices") ?? "festival,flite").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<int> RunAsync(Flags flags, TextWriter output, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>();
        if (flags.Text("openai-url") is { } url)
        {
            settings["Speech:Engine"] = "OpenAi";
            settings["Speech:OpenAi:BaseUrl"] = url;
            settings["Speech:OpenAi:Model"] = flags.Text("openai-model") ?? "whisper-1";
        }
        await using var services = new ServiceCollection().AddLogging()
            .AddMediaTools(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        var transcriber = services.GetRequiredService<ITranscriber>();
        var runner = new ProcessRunner(NullLogger<ProcessRunner>.Instance);
        var lines = Script.Lines.Take(flags.WholeNumber("lines", Script.Lines.Count, 1, Script.Lines.Count)).ToList();
        var voices = Voices(flags);
        var work = flags.WorkFolder("wer");
        var keep = string.Equals(flags.Text("keep-work"), "true", StringComparison.OrdinalIgnoreCase);
        Directory.CreateDirectory(work);

        await MachineFacts.PrintHeaderAsync(output, "Word error rate of the speech engine on generated speech",
        [
            ("engine", transcriber.Engine),
            ("speakers", string.Join("; ", voices.Select(Fixtures.Voices.Describe))),
            ("lines", F($"{lines.Count} written lines, {lines.Sum(l => l.Split(' ').Length)} words, each as a 48 kHz WAV with 1 s of silence around it")),
            ("path", "ITranscriber as the pipeline wires it: silencedetect, track choice, pieces, engine"),
            ("scoring", "WER = (S + D + I) / reference words, lower-case, punctuation removed"),
        ], cancellationToken).ConfigureAwait(false);

        var totals = new List<(string Voice, WordErrorRate.Errors Errors, double Audio, double Seconds)>();
        try
        {
            foreach (var voice in voices)
            {
                await output.WriteLineAsync(F($"{"voice",-9} {"line",4} {"words",5} {"S",3} {"D",3} {"I",3} {"WER",6}  heard")).ConfigureAwait(false);
                var sum = new WordErrorRate.Errors(0, 0, 0, 0);
                double audio = 0, seconds = 0;
                for (var i = 0; i < lines.Count; i++)
                {
                    var clip = await Fixtures.Voices.SpeakAsync(runner, voice, lines[i], work, F($"{voice}-{i + 1:00}"), cancellationToken).ConfigureAwait(false);
                    audio += new FileInfo(clip).Length / (48_000.0 * 2);
                    var clock = Stopwatch.StartNew();
                    var transcript = await transcriber.TranscribeAsync(clip, cancellationToken).ConfigureAwait(false);
                    seconds += clock.Elapsed.TotalSeconds;
                    var heard = string.Join(' ', transcript.Segments.Select(s => s.Text));
                    var errors = WordErrorRate.Compare(lines[i], heard);
                    sum += errors;
                    await output.WriteLineAsync(F($"{voice,-9} {i + 1,4} {errors.ReferenceWords,5} {errors.Substitutions,3} {errors.Deletions,3} {errors.Insertions,3} {errors.Rate,6:P0}  {heard}")).ConfigureAwait(false);
                }
                totals.Add((voice, sum, audio, seconds));
                await output.WriteLineAsync().ConfigureAwait(false);
            }

            await output.WriteLineAsync(F($"{"voice",-9} {"words",5} {"errors",6} {"WER",7}  {"x real time",11}  reference (docs/environment.md, pocketsphinx)")).ConfigureAwait(false);
            foreach (var (voice, errors, audio, seconds) in totals)
            {
                await output.WriteLineAsync(F($"{voice,-9} {errors.ReferenceWords,5} {errors.Total,6} {errors.Rate,7:P1}  {audio / seconds,10:0.0}x  {Reference[voice]}")).ConfigureAwait(false);
            }
            await output.WriteLineAsync("x real time: seconds of audio per second of transcription, including ffmpeg's listening and cutting passes.").ConfigureAwait(false);
            return 0;
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
