using Mam.Media.Processes;
using Mam.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mam.Tests.Media;

[TestFixture]
[Category("Media")]
public class ProcessRunnerTests
{
    private readonly ProcessRunner runner = new(NullLogger<ProcessRunner>.Instance);

    [Test]
    public async Task RunAsync_InsideALoweredScope_RunsTheToolAtALowerCpuPriority_AndOutsideItAsBefore()
    {
        // Field 19 of /proc/<pid>/stat is the niceness; the shell reads its own.
        string[] niceness = ["-c", "cut -d' ' -f19 /proc/$$/stat"];
        var normal = int.Parse((await runner.RunAsync("/bin/sh", niceness, CancellationToken.None)).StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        int lowered;
        using (ProcessPriority.Lower())
        {
            lowered = int.Parse((await runner.RunAsync("/bin/sh", niceness, CancellationToken.None)).StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        var after = int.Parse((await runner.RunAsync("/bin/sh", niceness, CancellationToken.None)).StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        lowered.ShouldBe(Math.Min(19, normal + ProcessPriority.LoweredNiceness));
        after.ShouldBe(normal, "the scope ends with its using block");
    }

    [Test]
    public async Task RunAsync_ExecutableMissing_SaysWhereItLookedAndHowToInstall()
    {
        var ex = await Should.ThrowAsync<ExternalProcessException>(() =>
            runner.RunAsync("/nonexistent/bin/ffmpeg", ["-version"], CancellationToken.None));

        ex.Message.ShouldBe("ffmpeg not found at /nonexistent/bin/ffmpeg: install it with apt-get install ffmpeg");
        ex.ExitCode.ShouldBeNull();
    }

    [Test]
    public async Task RunAsync_ToolExitsNonZero_ThrowsWithExitCodeAndTheLastStderrLines()
    {
        var ex = await Should.ThrowAsync<ExternalProcessException>(() => runner.RunAsync(
            "/bin/sh", ["-c", "for i in $(seq 1 50); do echo problem-$i >&2; done; exit 3"], CancellationToken.None));

        ex.ExitCode.ShouldBe(3);
        ex.ToolName.ShouldBe("sh");
        ex.Message.ShouldContain("exit code 3");
        ex.Message.ShouldContain("problem-50");
        ex.Message.ShouldContain("problem-31");
        ex.Message.ShouldNotContain("problem-30", Case.Sensitive, "only the last 20 lines are kept");
    }

    [Test]
    public async Task RunAsync_ArgumentsWithSpacesQuotesAndUnicode_ReachTheToolUnchanged()
    {
        string[] arguments = ["Take 2 – café.mov", "it's \"quoted\"", "back\\slash\\", "$HOME;rm -rf x", "*"];

        var result = await runner.RunAsync("/usr/bin/printf", ["%s\\n", .. arguments], CancellationToken.None);

        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(arguments);
    }

    [Test]
    public async Task RunAsync_ToolFloodsStdoutAndStderr_CompletesWithAllOfStdout()
    {
        var result = await runner.RunAsync("/bin/sh",
            ["-c", "head -c 2000000 /dev/zero | tr '\\0' e >&2; head -c 1000000 /dev/zero | tr '\\0' o"],
            TimeSpan.FromMinutes(2), CancellationToken.None);

        result.StandardOutput.Length.ShouldBe(1_000_000);
        result.ExitCode.ShouldBe(0);
    }

    [Test]
    public async Task RunAsync_Cancelled_KillsTheToolAndItsChildren()
    {
        using var temp = new TempFolder();
        var pidFile = temp.File("child.pid");
        using var cancel = new CancellationTokenSource();

        var run = runner.RunAsync("/bin/sh", ["-c", $"sleep 300 & echo $! > '{pidFile}'; wait"], cancel.Token);
        while (!File.Exists(pidFile) || (await File.ReadAllTextAsync(pidFile)).Trim().Length == 0)
        {
            await Task.Delay(20);
        }

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        var childPid = (await File.ReadAllTextAsync(pidFile)).Trim();
        await WaitUntilGoneAsync(childPid);
        IsRunning(childPid).ShouldBeFalse("the grandchild 'sleep 300' should have been killed with its parent");
    }

    [Test]
    public async Task RunAsync_StartedFromAThreadThatEndsBeforeTheTool_TheToolRunsToTheEnd()
    {
        // Tools are tied to the worker's life with PR_SET_PDEATHSIG, which the kernel fires when the *thread*
        // that forked ends; a pool thread that started a tool and then retired must not take the tool with it.
        Task<ProcessResult>? run = null;
        var thread = new Thread(() => run = runner.RunAsync("/bin/sh", ["-c", "sleep 1; echo finished"], CancellationToken.None));
        thread.Start();
        thread.Join();

        var result = await run!;

        result.StandardOutput.Trim().ShouldBe("finished");
    }

    [Test]
    public async Task RunAsync_ToolOutlivesTimeout_IsStoppedWithAClearMessage()
    {
        var ex = await Should.ThrowAsync<ExternalProcessException>(() =>
            runner.RunAsync("/bin/sleep", ["300"], TimeSpan.FromMilliseconds(300), CancellationToken.None));

        ex.Message.ShouldContain("sleep did not finish within");
    }

    private static async Task WaitUntilGoneAsync(string pid)
    {
        for (var i = 0; i < 100 && IsRunning(pid); i++)
        {
            await Task.Delay(20);
        }
    }

    /// <summary>A killed process nobody reaped yet is a zombie ('Z'): it no longer runs.</summary>
    private static bool IsRunning(string pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
