using System.Diagnostics;
using System.Text.RegularExpressions;
using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>A real agent process killed with SIGKILL mid-offload, then the same command again.</summary>
[TestFixture]
public sealed partial class ResumeTests() : TempFolderTest("resume")
{
    [Test]
    public async Task Offload_KilledWithSigkillMidway_ResumesWithoutRecopyingVerifiedFilesAndSealsTheSameMhl()
    {
        var card = Temp.Combine("cards", "B002R7XY");
        var random = new Random(42);
        for (var i = 1; i <= 40; i++)
        {
            var bytes = new byte[(2 * 1024 * 1024) + i];
            random.NextBytes(bytes);
            Temp.WriteFile(Path.Combine("cards", "B002R7XY", "Clips", $"B002C{i:000}_261121_R7XY.mov"), bytes);
        }

        var journal = Temp.Combine("journal", "journal.db");
        string[] args = ["offload", card, "--dest", Temp.Combine("shuttle"), "--dest", Temp.Combine("raid"), "--verify", "full", "--journal", journal];
        var shuttleClips = Temp.Combine("shuttle", "B002R7XY", "Clips");

        using (var child = StartAgentProcess(args))
        {
            while (!child.HasExited && CountFinalFiles(shuttleClips) < 5)
            {
                await Task.Delay(2);
            }

            if (child.HasExited)
            {
                Assert.Inconclusive("The offload finished before it could be killed; nothing to resume.");
            }

            child.Kill(); // SIGKILL on Unix: no clean-up code runs.
            await child.WaitForExitAsync();
        }

        var survivors = Directory.GetFiles(shuttleClips).Where(f => !Path.GetFileName(f).StartsWith('.')).ToList();
        survivors.Count.ShouldBeLessThan(40, "the kill should land before the end");
        var inodes = new Dictionary<string, string>();
        foreach (var file in survivors)
        {
            inodes[file] = await InodeAsync(file);
        }

        // kill -9 runs no clean-up: the lock file stays (its lock died with the process).
        File.Exists(Temp.Combine("shuttle", "B002R7XY", "ascmhl", ".mam-ingest.lock")).ShouldBeTrue();
        var status = await Agent.RunAsync("status", "--journal", journal);
        status.Output.ShouldContain("interrupted");

        var resumed = await Agent.RunAsync(args);

        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        resumed.Output.ShouldContain("kept from an interrupted run");
        foreach (var (file, inode) in inodes)
        {
            (await InodeAsync(file)).ShouldBe(inode, $"{file} was copied again");
        }

        foreach (var destination in new[] { "shuttle", "raid" })
        {
            var copy = Temp.Combine(destination, "B002R7XY");
            SampleCard.ShouldHoldExactCopyOf(copy, card);
            SampleCard.TempFilesLeftIn(copy).ShouldBeEmpty();
            Directory.GetFiles(Path.Combine(copy, "ascmhl"), ".mam-ingest*").ShouldBeEmpty();
        }

        var uninterrupted = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("reference"), "--verify", "full");
        uninterrupted.ExitCode.ShouldBe(0, uninterrupted.ToString());
        var resumedMhl = await SingleGenerationAsync(Temp.Combine("shuttle", "B002R7XY"));
        var referenceMhl = await SingleGenerationAsync(Temp.Combine("reference", "B002R7XY"));
        WithoutDates(await File.ReadAllTextAsync(resumedMhl)).ShouldBe(WithoutDates(await File.ReadAllTextAsync(referenceMhl)));
        (await ExternalTool.XmllintSchemaErrorsAsync(AscMhlTestData.MhlSchema, resumedMhl)).ShouldBeNull();

        var after = await Agent.RunAsync("status", "--journal", journal);
        after.Output.ShouldContain("done");
    }

    private static Process StartAgentProcess(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "ingest-agent.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int CountFinalFiles(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder).Count(f => !Path.GetFileName(f).StartsWith('.')) : 0;

    private static async Task<string> InodeAsync(string path)
    {
        var (exitCode, output, error) = await ExternalTool.RunAsync("stat", ["-c", "%i", path]);
        exitCode.ShouldBe(0, error);
        return output.Trim();
    }

    private static async Task<string> SingleGenerationAsync(string cardFolder)
    {
        var history = await MhlHistory.OpenAsync(cardFolder, CancellationToken.None);
        return history.GetGenerationPath(history.Generations.Single());
    }

    /// <summary>Creation, hash and folder dates differ between runs by nature; everything else must not.</summary>
    private static string WithoutDates(string mhl) =>
        DateValue().Replace(mhl, "DATE");

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d")]
    private static partial Regex DateValue();
}
