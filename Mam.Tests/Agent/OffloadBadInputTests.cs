using System.Diagnostics;
using Mam.Integrity.AscMhl;
using Mam.Tests.Integrity;
using Mam.Tests.Support;

namespace Mam.Tests.Agent;

/// <summary>The bad days on set: full drives, pulled cards, unreadable bytes, name clashes, two agents.</summary>
[TestFixture]
public sealed class OffloadBadInputTests() : TempFolderTest("bad")
{
    [Test]
    public async Task Offload_WhenADestinationFillsUp_FailsThatCopyClearlyRemovesThePartialFileAndTheRerunAfterFreeingSpaceCompletes()
    {
        var card = Temp.Combine("cards", "A003R1FF");
        var random = new Random(3);
        foreach (var (name, size) in new[] { ("A003C001.mov", 900_000), ("A003C002.mov", 900_000), ("A003C003.mov", 900_000), ("A003C004.mov", 10) })
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            Temp.WriteFile(Path.Combine("cards", "A003R1FF", name), bytes);
        }

        var small = Temp.Combine("small");
        Directory.CreateDirectory(small);
        var (mounted, _, mountError) = await ExternalTool.RunAsync("mount", ["-t", "tmpfs", "-o", "size=2m", "tmpfs", small]);
        if (mounted != 0)
        {
            Assert.Ignore($"Cannot mount a small tmpfs here ({mountError.Trim()}); the full-destination test needs one.");
        }

        try
        {
            var journal = Temp.Combine("journal.db");
            string[] args = ["offload", card, "--dest", small, "--dest", Temp.Combine("big"), "--journal", journal];

            var full = await Agent.RunAsync(args);

            full.ExitCode.ShouldBe(1, full.ToString());
            full.Output.ShouldContain("destination full");
            SampleCard.ShouldHoldExactCopyOf(Temp.Combine("big", "A003R1FF"), card);
            SampleCard.TempFilesLeftIn(Path.Combine(small, "A003R1FF")).ShouldBeEmpty();
            File.Exists(Path.Combine(small, "A003R1FF", "A003C001.mov")).ShouldBeTrue();
            File.Exists(Path.Combine(small, "A003R1FF", "A003C003.mov")).ShouldBeFalse();

            (await ExternalTool.RunAsync("mount", ["-o", "remount,size=8m", small])).ExitCode.ShouldBe(0);
            var rerun = await Agent.RunAsync(args);

            rerun.ExitCode.ShouldBe(0, rerun.ToString());
            SampleCard.ShouldHoldExactCopyOf(Path.Combine(small, "A003R1FF"), card);
            rerun.Output.ShouldContain("kept from an interrupted run");
        }
        finally
        {
            await ExternalTool.RunAsync("umount", ["-l", small]);
        }
    }

    [Test]
    public async Task Offload_WhenTheCardIsPulledMidway_ReportsTheLostCardWritesNoMhlAndResumesWhenItIsBack()
    {
        var card = Temp.Combine("cards", "C004R2PP");
        var random = new Random(4);
        for (var i = 1; i <= 40; i++)
        {
            var bytes = new byte[2 * 1024 * 1024];
            random.NextBytes(bytes);
            Temp.WriteFile(Path.Combine("cards", "C004R2PP", $"C004C{i:000}.mov"), bytes);
        }

        var journal = Temp.Combine("journal.db");
        var destination = Temp.Combine("shuttle");
        string[] args = ["offload", card, "--dest", destination, "--journal", journal];
        var pulled = Temp.Combine("pulled");
        using (var child = AgentProcess.Start(args))
        {
            while (!child.Process.HasExited && AgentProcess.FinalFiles(Path.Combine(destination, "C004R2PP")) < 3)
            {
                await Task.Delay(2);
            }

            Directory.Move(Temp.Combine("cards"), pulled);
            await child.Process.WaitForExitAsync();
            if (child.Process.ExitCode == 0)
            {
                Assert.Inconclusive("The offload finished before the card could be pulled.");
            }

            child.Process.ExitCode.ShouldBe(1, child.Output);
            child.Output.ShouldContain("CARD LOST");
            child.Output.ShouldContain("run the same command again to resume");
        }

        // Half a card must not be sealed; with no generation, the lock gone, nothing is left in ascmhl/.
        Directory.Exists(Path.Combine(destination, "C004R2PP", "ascmhl")).ShouldBeFalse("half a card must not be sealed");

        Directory.Move(pulled, Temp.Combine("cards"));
        var resumed = await Agent.RunAsync(args);

        resumed.ExitCode.ShouldBe(0, resumed.ToString());
        SampleCard.ShouldHoldExactCopyOf(Path.Combine(destination, "C004R2PP"), card);
        (await MhlHistory.OpenAsync(Path.Combine(destination, "C004R2PP"), CancellationToken.None)).Generations.Count.ShouldBe(1);
    }

    [Test]
    public async Task Offload_WhenASourceFileFailsMidRead_ReportsTheReadErrorAndCopiesEverythingElse()
    {
        var card = SampleCard.Create(Temp);
        // /proc/self/mem opens fine and then fails the first read with EIO, as a bad flash block does.
        File.CreateSymbolicLink(Path.Combine(card, "Clips", "A001C003_261121_R1AB.mov"), "/proc/self/mem");

        var result = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("d1"));

        result.ExitCode.ShouldBe(1, result.ToString());
        result.Output.ShouldContain("A001C003_261121_R1AB.mov: cannot read");
        result.Output.ShouldContain("error", Case.Insensitive);
        File.Exists(Temp.Combine("d1", "A001R1AB", "Clips", "A001C003_261121_R1AB.mov")).ShouldBeFalse();
        File.Exists(Temp.Combine("d1", "A001R1AB", "Clips", "A001C001_261121_R1AB.mov")).ShouldBeTrue();
        SampleCard.TempFilesLeftIn(Temp.Combine("d1", "A001R1AB")).ShouldBeEmpty();
    }

    [Test]
    public async Task Offload_OfTwoDifferentCardsWithTheSameName_KeepsBothSideBySide()
    {
        var first = SampleCard.Create(Temp);
        var second = Temp.Combine("other day", "A001R1AB");
        Temp.WriteFile(Path.Combine("other day", "A001R1AB", "Clips", "A001C001_261121_R1AB.mov"), [9, 9, 9]);

        (await Agent.RunAsync("offload", first, "--dest", Temp.Combine("raid"))).ExitCode.ShouldBe(0);
        var result = await Agent.RunAsync("offload", second, "--dest", Temp.Combine("raid"));

        result.ExitCode.ShouldBe(0, result.ToString());
        SampleCard.ShouldHoldExactCopyOf(Temp.Combine("raid", "A001R1AB"), first);
        SampleCard.ShouldHoldExactCopyOf(Temp.Combine("raid", "A001R1AB_2"), second);
        result.Output.ShouldContain(Temp.Combine("raid", "A001R1AB_2"));
    }

    [Test]
    public async Task Offload_WhileAnotherAgentHoldsTheDestination_IsRefusedClearlyAndWritesNoFile()
    {
        var card = SampleCard.Create(Temp);
        var first = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("raid"));
        first.ExitCode.ShouldBe(0, first.ToString());
        var lockFile = Temp.Combine("raid", "A001R1AB", "ascmhl", ".mam-ingest.lock");
        File.Exists(lockFile).ShouldBeFalse("a finished run removes its lock file");

        // flock(1) is a separate process holding the same kind of lock a running agent holds.
        // It says "held" once it has the lock, so the agent never starts before the lock is taken.
        using var holder = Process.Start(new ProcessStartInfo("flock", [lockFile, "-c", "echo held; exec sleep 30"]) { UseShellExecute = false, RedirectStandardOutput = true })!;
        try
        {
            (await holder.StandardOutput.ReadLineAsync()).ShouldBe("held");
            var before = SampleCard.Files(Temp.Combine("raid", "A001R1AB"));
            var second = await Agent.RunAsync("offload", card, "--dest", Temp.Combine("raid"));

            second.ExitCode.ShouldBe(4, second.ToString());
            second.Error.ShouldContain("Another ingest-agent is writing to");
            SampleCard.Files(Temp.Combine("raid", "A001R1AB")).ShouldBe(before);
        }
        finally
        {
            holder.Kill();
        }
    }
}
