using System.Text.RegularExpressions;
using Ingest.Agent.Offload;
using Ingest.Agent.Progress;
using Ingest.Agent.Verification;
using Mam.Tests.Support;
using Spectre.Console;

namespace Mam.Tests.Agent;

/// <summary>The live bars a DIT watches on a terminal, rendered into a string by Spectre.Console as it would draw them.</summary>
[TestFixture]
public sealed partial class LiveProgressTests() : TempFolderTest("live")
{
    [Test]
    public async Task LiveView_OfAResumedOffload_EndsWithEveryBarAtOneHundredPercent()
    {
        var card = SampleCard.Create(Temp);
        var request = new OffloadRequest(card, [Temp.Combine("shuttle"), Temp.Combine("raid")], "Feature", "dit", null, VerifyMode.Full,
            JournalPath: Temp.Combine("journal.db"));
        using (var stop = new CancellationTokenSource())
        {
            // The first run stops once the 3 MiB clip is verified on both drives, as a pulled cable
            // would stop it: most of the card's bytes are then kept, not copied again.
            await Should.ThrowAsync<OperationCanceledException>(() =>
                new CardOffload(request, new StopAfterFirstFile(stop), TimeProvider.System).RunAsync(stop.Token));
        }

        using var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(screen),
        });
        console.Profile.Width = 240;

        var report = await LiveProgress.RunAsync(console, request.Destinations, verifiesCopies: true,
            live => new CardOffload(request, live, TimeProvider.System).RunAsync(CancellationToken.None));

        report.AllVerified.ShouldBeTrue(string.Join("\n", report.Files.SelectMany(f => f.Destinations.Where(d => !d.Verified).Select(d => $"{f.RelativePath} on {d.DestinationRoot}: {d.Error}"))));
        report.Files.Single(f => f.RelativePath == "Clips/A001C001_261121_R1AB.mov").Resumed.ShouldBeTrue("the clip was kept from the first run");
        var lines = Ansi().Replace(screen.ToString(), "\n").Split('\n');
        foreach (var bar in new[] { "read card", Temp.Combine("shuttle"), Temp.Combine("raid") })
        {
            var last = lines.Last(l => l.Contains(bar, StringComparison.Ordinal));
            last.ShouldContain("100%", customMessage: $"the bar of {bar} ended as: {last}");
        }
    }

    // Cursor moves and erases between frames; what is left is the text of each frame's lines.
    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\r")]
    private static partial Regex Ansi();

    private sealed class StopAfterFirstFile(CancellationTokenSource stop) : IOffloadProgress
    {
        public void CardScanned(int fileCount, long totalBytes)
        {
        }

        public void FileStarted(string relativePath, long size)
        {
        }

        public void BytesCopied(string relativePath, long bytes)
        {
        }

        public void FileFinished(OffloadedFile file)
        {
            if (file.Size > 1024 * 1024)
            {
                stop.Cancel();
            }
        }

        public void Uploading(string relativePath, long size)
        {
        }
    }
}
