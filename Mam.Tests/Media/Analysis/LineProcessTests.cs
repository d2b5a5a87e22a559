using Mam.Media.Processes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Media.Analysis;

/// <summary>ProcessRunner's long-lived processes, which the vision sidecar runs on.</summary>
[TestFixture]
public sealed class LineProcessTests
{
    private readonly ProcessRunner _runner = new(NullLogger<ProcessRunner>.Instance);

    [Test]
    public async Task Conversation_AnswersEachRequestLineInOrderFromOneProcess()
    {
        await using var tool = _runner.StartLineProcess("/bin/sh", ["-c", "while read line; do echo \"got $line\"; done"]);

        foreach (var request in new[] { "one", "two – café", "three" })
        {
            await tool.WriteLineAsync(request, CancellationToken.None);
            (await tool.ReadLineAsync(TimeSpan.FromSeconds(10), CancellationToken.None)).ShouldBe($"got {request}");
        }
        tool.HasExited.ShouldBeFalse();
    }

    [Test]
    public async Task Read_WhenTheToolGivesNoAnswerInTime_StopsItAndSaysSo()
    {
        await using var tool = _runner.StartLineProcess("/bin/sh", ["-c", "echo starting >&2; sleep 60"]);

        var ex = await Should.ThrowAsync<ExternalProcessException>(() => tool.ReadLineAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None));

        ex.Message.ShouldContain("gave no answer within");
        await WaitUntil(() => tool.HasExited);
        tool.HasExited.ShouldBeTrue();
    }

    [Test]
    public async Task Read_WhenTheToolExits_ReportsItsExitCodeAndLastWords()
    {
        await using var tool = _runner.StartLineProcess("/bin/sh", ["-c", "echo 'models missing' >&2; exit 2"]);

        var ex = await Should.ThrowAsync<ExternalProcessException>(() => tool.ReadLineAsync(TimeSpan.FromSeconds(10), CancellationToken.None));

        ex.ExitCode.ShouldBe(2);
        await WaitUntil(() => tool.StandardErrorTail.Length > 0);
        tool.StandardErrorTail.ShouldContain("models missing");
    }

    [Test]
    public void Start_OfAMissingExecutable_SaysWhereItLookedAndHowToInstall()
    {
        var ex = Should.Throw<ExternalProcessException>(() => _runner.StartLineProcess("/nonexistent/node", ["server.js"]));

        ex.Message.ShouldBe("node not found at /nonexistent/node: install it with apt-get install nodejs npm");
    }

    [Test]
    public async Task Dispose_EndsTheTool()
    {
        var tool = _runner.StartLineProcess("/bin/sh", ["-c", "trap '' TERM; while true; do sleep 1; done"]);
        var pid = tool.Id;

        await tool.DisposeAsync();

        Should.Throw<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(pid), "the process is gone");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}
