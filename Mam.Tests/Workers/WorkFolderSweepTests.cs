using Mam.Hosting;
using Mam.Tests.Support;

namespace Mam.Tests.Workers;

/// <summary>Scratch folders of a killed worker (a downloaded original can be gigabytes) go at the next
/// start of a host that runs stages: those whose owner process is gone, and those without a known owner
/// once older than the stage deadline; live work stays.</summary>
[TestFixture]
public sealed class WorkFolderSweepTests
{
    [Test]
    public void HostStart_RemovesScratchOlderThanTheStageDeadlineAndKeepsRecentWork()
    {
        using var api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Pipeline:StageDeadline"] = "01:00:00",
            ["Analysis:Vision:Enabled"] = "false",
        });
        var work = Path.Combine(api.DataDirectory, "work");
        var longAgo = DateTime.UtcNow.AddHours(-3);
        var killed = ScratchFolder(work, "proxy-killed", longAgo);
        var recent = ScratchFolder(work, "transcribe-recent", DateTime.UtcNow.AddMinutes(-10));
        // A folder made long ago by a stage that still writes into it (frame sampling of a long clip) is not stale.
        var stillWriting = ScratchFolder(work, "proxy-still-writing", longAgo);
        File.WriteAllBytes(Path.Combine(stillWriting, "frames", "0002.png"), new byte[1024]);
        Directory.SetLastWriteTimeUtc(Path.Combine(stillWriting, "frames"), longAgo);

        _ = api.Services; // starts the host

        Directory.Exists(killed).ShouldBeFalse("a dead stage's scratch is removed at start");
        Directory.Exists(recent).ShouldBeTrue("scratch younger than the stage deadline may belong to a running stage");
        Directory.Exists(stillWriting).ShouldBeTrue("a folder still being written to belongs to a running stage");
    }

    [Test]
    public void HostStart_RemovesScratchOfADeadOwnerHoweverRecentAndKeepsALiveOwnersHoweverOld()
    {
        using var api = new MamApiFactory(settings: new Dictionary<string, string>
        {
            ["Pipeline:StageDeadline"] = "01:00:00",
            ["Analysis:Vision:Enabled"] = "false",
        });
        var work = Path.Combine(api.DataDirectory, "work");
        var live = ProcessIdentity.Current;
        // The same pid with another start time: a killed worker whose pid was later given to a new process.
        var dead = live with { Started = live.Started + 1 };
        var killedJustNow = ScratchFolder(work, "proxy-killed-just-now", DateTime.UtcNow, dead);
        var liveButOld = ScratchFolder(work, "transcribe-live", DateTime.UtcNow.AddHours(-3), live);

        _ = api.Services; // starts the host

        Directory.Exists(killedJustNow).ShouldBeFalse("the owner is gone, so nothing will finish this work");
        Directory.Exists(liveButOld).ShouldBeTrue("a running process's scratch is never removed, however long its stage runs");
    }

    private static string ScratchFolder(string work, string name, DateTime lastWriteUtc, ProcessIdentity owner)
    {
        var folder = ScratchFolder(work, name, lastWriteUtc);
        File.WriteAllText(Path.Combine(folder, WorkFolders.OwnerFileName), owner.ToString());
        File.SetLastWriteTimeUtc(Path.Combine(folder, WorkFolders.OwnerFileName), lastWriteUtc);
        Directory.SetLastWriteTimeUtc(folder, lastWriteUtc);
        return folder;
    }

    private static string ScratchFolder(string work, string name, DateTime lastWriteUtc)
    {
        var folder = Path.Combine(work, name);
        Directory.CreateDirectory(Path.Combine(folder, "frames"));
        foreach (var file in new[] { Path.Combine(folder, "original.mov"), Path.Combine(folder, "frames", "0001.png") })
        {
            File.WriteAllBytes(file, new byte[4096]);
            File.SetLastWriteTimeUtc(file, lastWriteUtc);
        }
        Directory.SetLastWriteTimeUtc(Path.Combine(folder, "frames"), lastWriteUtc);
        Directory.SetLastWriteTimeUtc(folder, lastWriteUtc);
        return folder;
    }
}
