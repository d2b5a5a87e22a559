// Hash throughput: our hashers (System.IO.Hashing, chunked as the agent feeds them) against
// `xxhsum` on the same file, which the page cache already holds. "ours (file)" reads that cached
// file in the agent's 4 MiB chunks, as xxhsum does; "ours (memory)" hashes a buffer already in
// memory, so it shows the hash alone. Issue goal: ours ≥ 0.8× xxhsum for xxh64 and xxh128.
// Prints times and ratios; asserts nothing.
//   dotnet run -c Release --project bench/hash -- [--size-mib 1024] [--work DIR]
// The file goes under --work (kept, and reused by the next run with the same DIR), else under a new
// folder in the repository's .data/bench/, removed at the end.
using System.Diagnostics;
using System.Globalization;
using Mam.Bench.Harness;
using Mam.Integrity.Hashing;

Flags flags;
int sizeMiB;
try
{
    flags = Flags.Parse(args, ["size-mib", "work"]);
    sizeMiB = flags.WholeNumber("size-mib", 1024, 1, 1024 * 1024);
}
catch (FormatException ex)
{
    Console.Error.WriteLine($"{ex.Message}\nUsage: hash-bench [--size-mib 1024] [--work DIR]");
    return 2;
}
var work = flags.WorkFolder("hash");
Directory.CreateDirectory(work);
try
{
    await RunAsync(Path.Combine(work, $"hash-bench-{sizeMiB}.bin"), sizeMiB);
}
finally
{
    if (flags.Text("work") is null)
    {
        Directory.Delete(work, recursive: true);
    }
}
return 0;

static async Task RunAsync(string path, int sizeMiB)
{
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

    const int Chunk = Xxh64.ChunkSize; // the agent's read size
    var data = await File.ReadAllBytesAsync(path); // also leaves the file in the page cache
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"hash-bench: {sizeMiB} MiB cached file, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}, best of 3"));
    Console.WriteLine("format   ours file (s)  MiB/s   ours memory (s)  MiB/s   xxhsum (s)  MiB/s   file/xxhsum  memory/xxhsum  (speed ratios, goal >= 0.8)");

    foreach (var (format, flag) in new[] { (HashFormats.Xxh64, "-H64"), (HashFormats.Xxh128, "-H2") })
    {
        var (fileSeconds, fileHash) = Best(3, () =>
        {
            using var hasher = HashFormats.Create(format);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            var buffer = new byte[Chunk];
            int read;
            while ((read = stream.Read(buffer, 0, Chunk)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }
            return hasher.GetHashText();
        });
        var (memorySeconds, memoryHash) = Best(3, () =>
        {
            using var hasher = HashFormats.Create(format);
            for (var offset = 0; offset < data.Length; offset += Chunk)
            {
                hasher.Append(data.AsSpan(offset, Math.Min(Chunk, data.Length - offset)));
            }
            return hasher.GetHashText();
        });
        var (theirSeconds, theirHash) = Best(3, () =>
        {
            // stderr redirected too: on a terminal xxhsum draws a progress line there.
            using var xxhsum = Process.Start(new ProcessStartInfo("xxhsum", [flag, path]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var progress = xxhsum.StandardError.ReadToEndAsync();
            var line = xxhsum.StandardOutput.ReadToEnd();
            progress.Wait();
            xxhsum.WaitForExit();
            return line.Split(' ', 2)[0];
        });
        var agree = fileHash == theirHash && memoryHash == theirHash ? "" : $"  HASHES DIFFER: ours {fileHash}, xxhsum {theirHash}";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{format,-8} {fileSeconds,13:0.000}  {sizeMiB / fileSeconds,5:0}   {memorySeconds,15:0.000}  {sizeMiB / memorySeconds,5:0}   {theirSeconds,10:0.000}  {sizeMiB / theirSeconds,5:0}   {theirSeconds / fileSeconds,11:0.00}  {theirSeconds / memorySeconds,13:0.00}{agree}"));
    }
}

static (double Seconds, string Hash) Best(int runs, Func<string> work)
{
    var best = double.MaxValue;
    var hash = string.Empty;
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        hash = work();
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    return (best, hash);
}
