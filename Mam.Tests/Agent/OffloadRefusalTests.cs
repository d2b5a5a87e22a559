using Mam.Tests.Support;
using Mam.Tests.Integrity;

namespace Mam.Tests.Agent;

[TestFixture]
public sealed class OffloadRefusalTests : TempFolderTest
{
    [Test]
    public async Task Offload_WhenSourceIsMissing_ExitsWithUsageErrorAndWritesNothing()
    {
        var dest = Temp.Combine("dest");

        var result = await Agent.RunAsync("offload", Temp.Combine("no-such-card"), "--dest", dest, "--project", "Feature");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("does not exist");
        Directory.Exists(dest).ShouldBeFalse();
    }

    [Test]
    public async Task Offload_WhenSourceIsAFile_ExitsWithUsageErrorAndWritesNothing()
    {
        var file = Temp.WriteFile("A001C001.mov", [1, 2, 3]);
        var dest = Temp.Combine("dest");

        var result = await Agent.RunAsync("offload", file, "--dest", dest, "--project", "Feature");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("is not a directory");
        Directory.Exists(dest).ShouldBeFalse();
    }

    [Test]
    public async Task Offload_WhenSourceHasOnlyEmptyFolders_ExitsWithUsageErrorAndWritesNothing()
    {
        var card = Temp.Combine("A001R1AB");
        Directory.CreateDirectory(Path.Combine(card, "Clips", "Empty"));
        var dest = Temp.Combine("dest");

        var result = await Agent.RunAsync("offload", card, "--dest", dest, "--project", "Feature");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("is empty");
        Directory.Exists(dest).ShouldBeFalse();
    }

    [Test]
    public async Task Offload_WhenDestinationIsInsideSource_ExitsWithUsageErrorAndWritesNothing()
    {
        var card = SampleCard.Create(Temp);
        var before = SampleCard.Files(card);

        var result = await Agent.RunAsync("offload", card, "--dest", Path.Combine(card, "backup"), "--project", "Feature");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("inside the source");
        SampleCard.Files(card).ShouldBe(before);
        Directory.Exists(Path.Combine(card, "backup")).ShouldBeFalse();
    }

    [Test]
    public async Task Offload_WhenDestinationIsTheSource_ExitsWithUsageErrorAndWritesNothing()
    {
        var card = SampleCard.Create(Temp);
        var before = SampleCard.Files(card);

        var result = await Agent.RunAsync("offload", card + "/", "--dest", card, "--project", "Feature");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("inside the source");
        SampleCard.Files(card).ShouldBe(before);
    }

    [Test]
    public async Task Offload_WhenDestinationWouldLandOnTheSourceItself_ExitsWithUsageErrorAndWritesNothing()
    {
        var card = SampleCard.Create(Temp);
        var before = SampleCard.Files(card);

        var result = await Agent.RunAsync("offload", card, "--dest", Path.GetDirectoryName(card)!, "--project", "Feature");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("the source itself");
        SampleCard.Files(card).ShouldBe(before);
    }

    [Test]
    public async Task Offload_WithoutDestination_ExitsWithUsageErrorAndWritesNothing()
    {
        var card = SampleCard.Create(Temp);
        var before = SampleCard.Files(Temp.Path);

        var result = await Agent.RunAsync("offload", card, "--project", "Feature");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--dest");
        SampleCard.Files(Temp.Path).ShouldBe(before);
    }

    [Test]
    public async Task Offload_WithApiButWithoutProject_ExitsWithUsageError()
    {
        var card = SampleCard.Create(Temp);
        var dest = Temp.Combine("dest");

        // A local-only offload needs no project; uploading does.
        var result = await Agent.RunAsync("offload", card, "--dest", dest, "--api", "http://127.0.0.1:9", "--token", "k");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("--project");
        Directory.Exists(dest).ShouldBeFalse();
    }

    [Test]
    public async Task Offload_WithApiButEmptyToken_ExitsWithUsageErrorBeforeCopying()
    {
        var card = SampleCard.Create(Temp);
        var dest = Temp.Combine("dest");

        var result = await Agent.RunAsync("offload", card, "--dest", dest, "--project", "Feature", "--api", "http://127.0.0.1:9", "--token", "");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("access token");
        Directory.Exists(dest).ShouldBeFalse();
    }

    [Test]
    public async Task Offload_WithTheSameDestinationTwice_ExitsWithUsageError()
    {
        var card = SampleCard.Create(Temp);
        var dest = Temp.Combine("dest");

        var result = await Agent.RunAsync("offload", card, "--dest", dest, "--dest", dest + "/", "--project", "Feature");

        result.ExitCode.ShouldBe(2, result.ToString());
        result.Error.ShouldContain("given twice");
        Directory.Exists(dest).ShouldBeFalse();
    }
}
