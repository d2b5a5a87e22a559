using System.Globalization;
using Mam.Bench.DialogueFirst.Cards;
using Mam.Bench.DialogueFirst.Runs;
using Mam.Bench.Harness;

namespace Mam.Bench.DialogueFirst;

/// <summary>Card → dialogue-searchable, and card → fully processed, on the embedded defaults (Mam.Api with its
/// workers, SQLite catalog, filesystem store, in-memory bus, pocketsphinx), for a card of 1080p footage with
/// speech. The named baseline is "fully processed": before dialogue first, the index waited for the analysis, so
/// dialogue became searchable only then. A program that prints numbers; it asserts nothing about them.</summary>
public static class DialogueFirstBench
{
    private const string Usage = """
        usage: dotnet run -c Release --project bench/dialogue-first -- [--minutes 10] [--clips 5] [--quick]
                 [--timeout-minutes 90] [--work DIR] [--keep-work true]
          --quick: 1 minute of footage in 2 clips, to try it. Needs `dotnet build Mam.sln -c Release`; no servers.
        """;

    private static readonly string[] KnownFlags = ["minutes", "clips", "timeout-minutes", "work", "keep-work"];

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var quick = args.Contains("--quick", StringComparer.Ordinal);
        Flags flags;
        try
        {
            flags = Flags.Parse(args.Where(a => a != "--quick").ToList(), KnownFlags);
            _ = flags.Number("minutes", 10, 0.5, 240);
            _ = flags.WholeNumber("clips", 5, 1, 100);
            _ = flags.WholeNumber("timeout-minutes", 90, 1, 24 * 60);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n{Usage}").ConfigureAwait(false);
            return 2;
        }

        try
        {
            return await RunAsync(flags, quick, Console.Out, cancel.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"benchmark failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> RunAsync(Flags flags, bool quick, TextWriter output, CancellationToken cancellationToken)
    {
        var repo = RepoPaths.Find();
        RepoPaths.RequireBuilt(repo.ApiDll, repo.AgentDll);
        var minutes = quick ? 1 : flags.Number("minutes", 10, 0.5, 240);
        var clips = quick ? 2 : flags.WholeNumber("clips", 5, 1, 100);
        var timeout = TimeSpan.FromMinutes(flags.WholeNumber("timeout-minutes", 90, 1, 24 * 60));
        var work = flags.WorkFolder("dialogue-first");
        var keep = string.Equals(flags.Text("keep-work"), "true", StringComparison.OrdinalIgnoreCase);
        Directory.CreateDirectory(work);
        try
        {
            await output.WriteLineAsync(F($"Generating the card: {clips} clips x {minutes * 60 / clips:0.#} s of 1080p with speech…")).ConfigureAwait(false);
            var card = await SpokenCard.MakeAsync(Path.Combine(work, "card"), clips, minutes * 60 / clips, cancellationToken).ConfigureAwait(false);

            await MachineFacts.PrintHeaderAsync(output, "bench/dialogue-first: card -> dialogue-searchable, and -> fully processed",
            [
                ("card", F($"{clips} clips x {card.ClipSeconds:0.#} s = {card.TotalSeconds / 60:0.##} min of 1920x1080 25p ProRes 422 Proxy, PCM speech throughout")),
                ("deployment", "Mam.Api (Release) with its defaults: embedded workers, SQLite catalog, filesystem store, in-memory bus, pocketsphinx"),
                ("registration", "ingest-agent offload --api (offload, upload, register); the clock starts at the card's RegisteredAt"),
                ("dialogue-searchable", "index-dialogue (or index) stage done, then GET /api/search for words of the clip's sentence lists it"),
                ("fully processed", "every stage done or skipped (the baseline: when dialogue became searchable before dialogue first)"),
                ("work folder", work),
            ], cancellationToken).ConfigureAwait(false);

            var result = await new DialogueRun(repo, output).RunAsync(card, Path.Combine(work, "run"), timeout, cancellationToken).ConfigureAwait(false);
            await DialogueReport.PrintAsync(output, card, result, cancellationToken).ConfigureAwait(false);
            return result.Watch.Clips.Any(c => c.Failed || c.FoundBySearchAt is null) ? 1 : 0;
        }
        finally
        {
            if (!keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    internal static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
