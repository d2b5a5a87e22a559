using System.Diagnostics;
using System.Globalization;
using Mam.Bench.Harness;

namespace Offload.Bench;

/// <summary>
/// Times, in one run on the same generated card: (a) ingest-agent offload to two destinations with
/// --verify full (copies re-read from the device), (b) the same work by hand (cp to both, sync, drop
/// caches, xxhsum -H64 over the source and both copies), (c) a bare cp to both + sync, and with
/// --baseline-agent another build of ingest-agent doing (a), to compare before/after a change in the
/// same run. Caches are dropped before each (needs root for /proc/sys/vm/drop_caches; otherwise the
/// numbers say so). Every agent runs as its own process, as a DIT runs it. With --repeat N the
/// phases run in rotation N times and the ratios use the medians (the machine is shared and noisy).
/// With --dests A,B the two destinations go under A and B (e.g. the separate devices of
/// bench/offload/separate-devices.sh) instead of the work folder, which shares the card's disk.
/// The card is generated under --work, kept there and reused by the next run given the same folder;
/// without --work, under a new folder in the repository's .data/bench/ that is removed at the end.
/// </summary>
public static class BenchProgram
{
    private const string Usage = """
        Usage: offload-bench [--size-gib 4] [--files 8] [--repeat 1] [--baseline-agent old/ingest-agent.dll] [--work DIR]
                             [--dests DIR1,DIR2]
        """;

    public static async Task<int> Main(string[] args)
    {
        Flags flags;
        double sizeGib;
        int fileCount;
        int repeat;
        string[]? dests;
        try
        {
            flags = Flags.Parse(args, ["size-gib", "files", "repeat", "baseline-agent", "work", "dests"]);
            sizeGib = flags.Number("size-gib", 4, 0.001, 1024);
            fileCount = flags.WholeNumber("files", 8, 1, 10_000);
            repeat = flags.WholeNumber("repeat", 1, 1, 100);
            dests = flags.Text("dests")?.Split(',');
            if (dests is { Length: not 2 })
            {
                throw new FormatException("--dests takes two folders: DIR1,DIR2");
            }
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"{ex.Message}\n{Usage}");
            return 2;
        }

        var work = flags.WorkFolder("offload");
        try
        {
            return await RunAsync(work, sizeGib, fileCount, repeat, flags.Text("baseline-agent"), (dests ?? [work, work]).Select(Path.GetFullPath).ToArray());
        }
        finally
        {
            if (flags.Text("work") is null && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(string work, double sizeGib, int fileCount, int repeat, string? baseline, string[] dests)
    {
        var card = Path.Combine(work, "card", "A001R1AB");
        var totalBytes = (long)(sizeGib * 1024 * 1024 * 1024);
        var agent = Path.Combine(AppContext.BaseDirectory, "ingest-agent.dll");

        Console.WriteLine($"Card: {fileCount} files, {sizeGib.ToString(CultureInfo.InvariantCulture)} GiB at {card}");
        Console.WriteLine(FormattableString.Invariant($"Machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        Card.EnsureGenerated(card, fileCount, totalBytes);
        Console.WriteLine($"Destinations under {dests[0]} and {dests[1]} ({Devices.Describe(card, dests)})");
        Console.WriteLine(Caches.CanDrop ? "Page cache is dropped before each run (root)." : "WARNING: not root, page cache cannot be dropped: (b) and (c) may read from memory.");

        var phases = new List<(string Key, string Label, Func<string, string, Task> Run)>
        {
            ("ours", "a) ingest-agent offload, 2 destinations, --verify full", (d1, d2) => OffloadAsync(agent, card, d1, d2, work)),
        };
        if (baseline is not null)
        {
            phases.Add(("baseline", $"a0) baseline {baseline}, same offload", (d1, d2) => OffloadAsync(Path.GetFullPath(baseline), card, d1, d2, work)));
        }

        phases.Add(("hand", "b) cp to both + sync + xxhsum -H64 over source and both copies", async (d1, d2) =>
        {
            await Shell.RunAsync($"cp -r '{card}' '{d1}/' && cp -r '{card}' '{d2}/' && sync");
            Caches.Drop();
            foreach (var folder in new[] { card, Path.Combine(d1, "A001R1AB"), Path.Combine(d2, "A001R1AB") })
            {
                await Shell.RunAsync($"find '{folder}' -type f -print0 | xargs -0 xxhsum -H64 > /dev/null");
            }
        }));
        phases.Add(("bare", "c) cp to both + sync", (d1, d2) => Shell.RunAsync($"cp -r '{card}' '{d1}/' && cp -r '{card}' '{d2}/' && sync")));

        var times = phases.ToDictionary(p => p.Key, _ => new List<double>());
        for (var round = 0; round < repeat; round++)
        {
            // Rotate the order so no phase always runs right after the same neighbour.
            for (var i = 0; i < phases.Count; i++)
            {
                var (key, label, run) = phases[(i + round) % phases.Count];
                times[key].Add(await TimeAsync(label, work, dests, run));
            }
        }

        var ours = Median(times["ours"]);
        var byHand = Median(times["hand"]);
        var bare = Median(times["bare"]);
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"medians of {repeat}: ours {ours:0.00} s, by hand {byHand:0.00} s, bare cp {bare:0.00} s"));
        Console.WriteLine(FormattableString.Invariant($"ours / by hand (b) = {ours / byHand:0.00}  (goal <= 1.0)"));
        Console.WriteLine(FormattableString.Invariant($"ours / bare cp (c) = {ours / bare:0.00}  (goal <= 1.5)"));
        if (baseline is not null)
        {
            var before = Median(times["baseline"]);
            Console.WriteLine(FormattableString.Invariant($"baseline / by hand (b) = {before / byHand:0.00}, baseline / bare cp (c) = {before / bare:0.00}, ours / baseline = {ours / before:0.00}"));
        }

        Console.WriteLine(FormattableString.Invariant($"throughput: ours {totalBytes / ours / 1048576:0} MiB/s of card, by hand {totalBytes / byHand / 1048576:0} MiB/s, bare cp {totalBytes / bare / 1048576:0} MiB/s"));
        return 0;
    }

    private static Task OffloadAsync(string agentDll, string card, string d1, string d2, string work) =>
        Shell.RunAsync($"dotnet '{agentDll}' offload '{card}' --dest '{d1}' --dest '{d2}' --verify full --no-upload --quiet --journal '{Path.Combine(work, "journal.db")}'");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<double> TimeAsync(string label, string work, string[] dests, Func<string, string, Task> run)
    {
        var d1 = Path.Combine(dests[0], "dest1");
        var d2 = Path.Combine(dests[1], "dest2");
        foreach (var folder in new[] { d1, d2 })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
        }

        File.Delete(Path.Combine(work, "journal.db"));
        await Shell.RunAsync("sync");
        Caches.Drop();
        var watch = Stopwatch.StartNew();
        await run(d1, d2);
        watch.Stop();
        Console.WriteLine(FormattableString.Invariant($"{label}: {watch.Elapsed.TotalSeconds:0.00} s"));
        return watch.Elapsed.TotalSeconds;
    }
}

internal static class Card
{
    /// <summary>Random clips of equal size; generated once and reused while the sizes match.</summary>
    public static void EnsureGenerated(string folder, int fileCount, long totalBytes)
    {
        var size = totalBytes / fileCount;
        Directory.CreateDirectory(folder);
        var buffer = new byte[8 * 1024 * 1024];
        for (var i = 1; i <= fileCount; i++)
        {
            var path = Path.Combine(folder, FormattableString.Invariant($"A001C{i:000}_261121_R1AB.mov"));
            if (File.Exists(path) && new FileInfo(path).Length == size)
            {
                continue;
            }

            using var stream = File.Create(path);
            for (long written = 0; written < size; written += buffer.Length)
            {
                Random.Shared.NextBytes(buffer);
                stream.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
            }
        }

        foreach (var extra in Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).EndsWith("_R1AB.mov", StringComparison.Ordinal) || new FileInfo(f).Length != size))
        {
            File.Delete(extra);
        }
    }
}

internal static class Devices
{
    /// <summary>Whether the card and the destinations share a device: the bench's numbers mean different things then.</summary>
    public static string Describe(string card, string[] dests)
    {
        var devices = new[] { card, dests[0], dests[1] }.Select(DeviceOf).ToArray();
        return devices.Distinct().Count() == 3
            ? "card and both destinations on devices of their own"
            : "card and destinations share a device: a verified offload competes with itself for its bandwidth";
    }

    private static string DeviceOf(string path)
    {
        Directory.CreateDirectory(path);
        // findmnt names the device a path lives on; one line, e.g. /dev/vda or /dev/loop0.
        using var process = Process.Start(new ProcessStartInfo("findmnt", ["-n", "-o", "SOURCE", "--target", path]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var source = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return source;
    }
}

internal static class Caches
{
    private const string DropCaches = "/proc/sys/vm/drop_caches";

    public static bool CanDrop => Environment.UserName == "root" && File.Exists(DropCaches);

    public static void Drop()
    {
        if (CanDrop)
        {
            File.WriteAllText(DropCaches, "3\n");
        }
    }
}

internal static class Shell
{
    public static async Task RunAsync(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{script}' exited {process.ExitCode}");
        }
    }
}
