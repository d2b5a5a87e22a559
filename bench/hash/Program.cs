// Hash throughput in memory: our hashers (libxxhash through P/Invoke, chunked as the agent feeds
// them) against `xxhsum` on the same file, both reading a file the page cache already holds.
// Issue goal: ours ≥ 0.8× xxhsum for xxh64 and xxh128. Prints times and ratios; asserts nothing.
using System.Diagnostics;
using System.Globalization;
using Mam.Integrity.Hashing;

var sizeMiB = args.Length > 1 && args[0] == "--size-mib" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1024;
var path = Path.Combine(Path.GetTempPath(), $"hash-bench-{sizeMiB}.bin");
if (!File.Exists(path) || new FileInfo(path).Length != sizeMiB * 1024L * 1024L)
{
    var block = new byte[1 << 20];
    await using var output = File.Create(path);
    for (var i = 0; i < sizeMiB; i++)
    {
        Random.Shared.NextBytes(block);
        await output.WriteAsync(block);
    }
}

// The file in memory once, for ours; xxhsum reads it from the (warm) page cache.
var data = await File.ReadAllBytesAsync(path);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hash-bench: {sizeMiB} MiB, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}"));
Console.WriteLine("format   ours (s)  ours MiB/s  xxhsum (s)  xxhsum MiB/s  ours/xxhsum speed (goal >= 0.8)");

foreach (var (format, flag) in new[] { (HashFormats.Xxh64, "-H64"), (HashFormats.Xxh128, "-H128") })
{
    var ours = Best(3, () =>
    {
        using var hasher = HashFormats.Create(format);
        const int chunk = 4 << 20; // the agent's read size
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            hasher.Append(data.AsSpan(offset, Math.Min(chunk, data.Length - offset)));
        }
        _ = hasher.GetHashText();
    });
    var theirs = Best(3, () =>
    {
        using var xxhsum = Process.Start(new ProcessStartInfo("xxhsum", [flag, path]) { RedirectStandardOutput = true })!;
        xxhsum.StandardOutput.ReadToEnd();
        xxhsum.WaitForExit();
    });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{format,-8} {ours,8:0.000}  {sizeMiB / ours,10:0}  {theirs,10:0.000}  {sizeMiB / theirs,12:0}  {theirs / ours,8:0.00}"));
}

static double Best(int runs, Action work)
{
    var best = double.MaxValue;
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        work();
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    return best;
}
