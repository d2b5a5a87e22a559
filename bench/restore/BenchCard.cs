using System.Globalization;
using System.Text.RegularExpressions;
using Mam.Bench.Harness;

namespace Mam.Bench.Restore;

/// <summary>
/// The card restored: clips of random bytes adding up to --size, offloaded by ingest-agent (so it carries
/// its ASC MHL history) and uploaded into the MAM, untimed. Generated under the work folder and deleted
/// once uploaded: the store holds the only copy the runs read.
/// </summary>
internal static partial class BenchCard
{
    public const string Project = "Bench";
    public const string Name = "A001R1AB";

    /// <returns>The card's id in the MAM.</returns>
    public static async Task<Guid> IngestAsync(RepoPaths repo, MamApiProcess api, RestoreBenchOptions options, CancellationToken cancellationToken)
    {
        var source = Path.Combine(options.Work, "card", Name);
        Directory.CreateDirectory(Path.Combine(source, "Clips"));
        var perClip = options.SizeBytes / options.Clips;
        var buffer = new byte[8 * 1024 * 1024];
        for (var clip = 1; clip <= options.Clips; clip++)
        {
            var stream = File.Create(Path.Combine(source, "Clips", string.Create(CultureInfo.InvariantCulture, $"A001C{clip:000}_261121_R1AB.mov")));
            await using (stream.ConfigureAwait(false))
            {
                for (long written = 0; written < perClip; written += buffer.Length)
                {
                    Random.Shared.NextBytes(buffer);
                    await stream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, perClip - written)), cancellationToken).ConfigureAwait(false);
                }
            }
            await File.WriteAllTextAsync(Path.Combine(source, "Clips", string.Create(CultureInfo.InvariantCulture, $"A001C{clip:000}_261121_R1AB.xml")),
                "<clip reel=\"A001\"/>\n", cancellationToken).ConfigureAwait(false);
        }

        var offloaded = Path.Combine(options.Work, "offloaded");
        var output = await AgentAsync(repo, options, cancellationToken,
            "offload", source, "--dest", offloaded, "--project", Project, "--api", api.BaseUri.ToString(), "--token", api.AdminToken, "--quiet").ConfigureAwait(false);
        Directory.Delete(Path.Combine(options.Work, "card"), recursive: true);
        Directory.Delete(offloaded, recursive: true);
        var registered = Registered().Match(output);
        return registered.Success ? Guid.Parse(registered.Groups[1].Value)
            : throw new InvalidOperationException($"ingest-agent offload did not say which card it registered:\n{output}");
    }

    /// <summary>Runs ingest-agent (the Release build) and returns what it printed.</summary>
    public static async Task<string> AgentAsync(RepoPaths repo, RestoreBenchOptions options, CancellationToken cancellationToken, params string[] arguments)
    {
        using var agent = new ChildProcess("ingest-agent", [repo.AgentDll, .. arguments, "--journal", Path.Combine(options.Work, "journal.db")],
            new Dictionary<string, string>(StringComparer.Ordinal), Path.GetDirectoryName(repo.AgentDll)!);
        await agent.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (agent.ExitCode != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"ingest-agent {arguments[0]} exited {agent.ExitCode}:\n{agent.Tail}"));
        }
        return agent.Tail;
    }

    [GeneratedRegex(@"Registered card \S+ in project \S+ as ([0-9a-f-]{36})")]
    private static partial Regex Registered();
}
