using Mam.Tests.Support;
using System.Text;
using Ingest.Agent.Commands;
using Mam.Tests.Integrity;

namespace Mam.Tests.Agent;

/// <summary>Runs the agent in-process, as `ingest-agent ARGS` would, and captures what it prints.</summary>
public static class Agent
{
    private static readonly string[] JournaledCommands = ["offload", "upload", "status"];

    /// <summary>Runs with a fresh journal of its own unless the test passes --journal (resume tests do).</summary>
    public static async Task<AgentResult> RunAsync(params string[] args)
    {
        if (args.Length == 0 || !JournaledCommands.Contains(args[0]) || args.Contains("--journal") || args.Contains("--help"))
        {
            return await RunAsIsAsync(args);
        }

        var journal = TestScratch.Combine($"journal-{Guid.NewGuid():N}");
        try
        {
            return await RunAsIsAsync([.. args, "--journal", Path.Combine(journal, "journal.db")]);
        }
        finally
        {
            if (Directory.Exists(journal))
            {
                Directory.Delete(journal, recursive: true);
            }
        }
    }

    public static async Task<AgentResult> RunAsIsAsync(params string[] args)
    {
        using var output = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
        using var error = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
        var exitCode = await AgentCli.RunAsync(args, output, error, CancellationToken.None);
        return new AgentResult(exitCode, output.ToString(), error.ToString());
    }
}

public sealed record AgentResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>A camera card folder with clips, a sidecar and OS litter, generated per test.</summary>
public static class SampleCard
{
    public static string Create(TempFolder temp, string name = "A001R1AB")
    {
        var random = new Random(1234);
        byte[] Bytes(int size)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            return bytes;
        }

        temp.WriteFile(Path.Combine("cards", name, "Clips", "A001C001_261121_R1AB.mov"), Bytes((3 * 1024 * 1024) + 17));
        temp.WriteFile(Path.Combine("cards", name, "Clips", "A001C002_261121_R1AB.mov"), Bytes(70_000));
        temp.WriteFile(Path.Combine("cards", name, "Sidecar.txt"), Encoding.UTF8.GetBytes("camera A, reel 1\n"));
        temp.WriteFile(Path.Combine("cards", name, ".DS_Store"), Bytes(64));
        return temp.Combine("cards", name);
    }

    /// <summary>Every file under a folder, as POSIX relative paths (hidden files included).</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The copy holds every source file byte for byte; its ascmhl/ may hold more (the new generation),
    /// and the chain file is the one thing the agent rewrites.
    /// </summary>
    public static void ShouldHoldExactCopyOf(string copyFolder, string sourceFolder)
    {
        var sourceFiles = Files(sourceFolder);
        Files(copyFolder).Where(f => !f.StartsWith("ascmhl/", StringComparison.Ordinal))
            .ShouldBe(sourceFiles.Where(f => !f.StartsWith("ascmhl/", StringComparison.Ordinal)));
        foreach (var file in sourceFiles.Where(f => f != "ascmhl/ascmhl_chain.xml"))
        {
            // SequenceEqual rather than ShouldBe: Shouldly compares arrays element by element, slowly.
            File.ReadAllBytes(Path.Combine(copyFolder, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(sourceFolder, file))).ShouldBeTrue(file);
        }
    }

    public static IReadOnlyList<string> TempFilesLeftIn(string folder) =>
        Files(folder).Where(f => f.EndsWith(".mamtmp", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal)).ToList();
}
