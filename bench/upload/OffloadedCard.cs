using System.Globalization;
using Mam.Bench.Harness;

namespace Mam.Bench.Upload;

/// <summary>
/// A card of one clip of random bytes, offloaded once by ingest-agent (no upload) so it carries its
/// ASC MHL history: what `ingest-agent upload DIR` pushes. Reused while the size matches.
/// </summary>
/// <param name="WarmUpFolder">A tiny offloaded card, uploaded once before anything is timed.</param>
internal sealed record OffloadedCard(string Folder, string Clip, string WarmUpFolder)
{
    private const string CardName = "A001R1AB";
    private const string ClipName = "A001C001_261121_R1AB.mov";

    public static async Task<OffloadedCard> PrepareAsync(RepoPaths repo, UploadBenchOptions options, CancellationToken cancellationToken)
    {
        var source = Path.Combine(options.Work, "card", CardName);
        var clip = Path.Combine(source, ClipName);
        var size = options.SizeMiB * 1024L * 1024L;
        var offloaded = Path.Combine(options.Work, "offloaded", CardName);
        var warmUp = await PrepareWarmUpAsync(repo, options, cancellationToken).ConfigureAwait(false);
        if (File.Exists(Path.Combine(offloaded, ClipName)) && new FileInfo(Path.Combine(offloaded, ClipName)).Length == size)
        {
            return new OffloadedCard(offloaded, Path.Combine(offloaded, ClipName), warmUp);
        }

        Directory.CreateDirectory(source);
        var buffer = new byte[8 * 1024 * 1024];
        var stream = File.Create(clip);
        await using (stream.ConfigureAwait(false))
        {
            for (long written = 0; written < size; written += buffer.Length)
            {
                Random.Shared.NextBytes(buffer);
                await stream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, size - written)), cancellationToken).ConfigureAwait(false);
            }
        }

        await OffloadAsync(repo, source, Path.GetDirectoryName(offloaded)!, options, cancellationToken).ConfigureAwait(false);
        Directory.Delete(Path.Combine(options.Work, "card"), recursive: true);
        return new OffloadedCard(offloaded, Path.Combine(offloaded, ClipName), warmUp);
    }

    private static async Task<string> PrepareWarmUpAsync(RepoPaths repo, UploadBenchOptions options, CancellationToken cancellationToken)
    {
        var offloaded = Path.Combine(options.Work, "warm-up", "offloaded", "W001R1AB");
        if (!Directory.Exists(offloaded))
        {
            var source = Path.Combine(options.Work, "warm-up", "card", "W001R1AB");
            Directory.CreateDirectory(source);
            await File.WriteAllBytesAsync(Path.Combine(source, "W001C001_261121_R1AB.mov"), new byte[64 * 1024], cancellationToken).ConfigureAwait(false);
            await OffloadAsync(repo, source, Path.GetDirectoryName(offloaded)!, options, cancellationToken).ConfigureAwait(false);
        }

        return offloaded;
    }

    private static async Task OffloadAsync(RepoPaths repo, string source, string destination, UploadBenchOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        using var agent = new ChildProcess("ingest-agent",
            [repo.AgentDll, "offload", source, "--dest", destination, "--no-upload", "--quiet", "--journal", Path.Combine(options.Work, "offload-journal.db")],
            new Dictionary<string, string>(StringComparer.Ordinal), Path.GetDirectoryName(repo.AgentDll)!);
        await agent.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (agent.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"ingest-agent offload exited {agent.ExitCode}:\n{agent.Tail}"));
        }
    }
}
