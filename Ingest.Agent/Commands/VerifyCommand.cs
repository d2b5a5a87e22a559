using System.CommandLine;
using System.Text.Json;
using System.Xml;
using Ingest.Agent.Verification;

namespace Ingest.Agent.Commands;

/// <summary><c>ingest-agent verify DIR</c>: check a folder against its ASC MHL history and append a generation.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("DIR") { Description = "A folder with an ascmhl/ history (an offloaded card, or a folder of cards)." };
        var noWrite = new Option<bool>("--no-generation") { Description = "Only report; do not append a generation to the history." };
        var dit = new Option<string?>("--dit") { Description = "Name recorded as author of the new generation (default: the user name)." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var command = new Command("verify", "Re-hash a folder from the device and compare it with its ASC MHL history: missing, new and mismatching files; exits 1 on any problem.")
        {
            folder, noWrite, dit, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = OffloadCommand.FullPath(parseResult.GetRequiredValue(folder));
            if (!Directory.Exists(Path.Combine(root, "ascmhl")) && !Directory.EnumerateDirectories(root, "ascmhl", SearchOption.AllDirectories).Any())
            {
                error.WriteLine($"{root} has no ASC MHL history (no ascmhl/ folder): nothing to verify against.");
                return ExitCodes.Usage;
            }

            HistoryCheckReport report;
            try
            {
                var author = parseResult.GetValue(dit) is { Length: > 0 } name ? name : Environment.UserName;
                report = await new CardVerification(root, author, TimeProvider.System).RunAsync(!parseResult.GetValue(noWrite), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is XmlException or FormatException)
            {
                error.WriteLine($"The ASC MHL history under {root} cannot be read: {ex.Message}");
                return ExitCodes.Usage;
            }

            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(VerifyDocument.From(root, report), ReadableJson.Default.VerifyDocument));
            }
            else
            {
                foreach (var file in report.Files.Where(f => f.State != FileCheckState.Verified))
                {
                    output.WriteLine($"  {file.State.ToString().ToUpperInvariant(),-8} {Path.Combine(file.HistoryRoot, file.Path)}{(file.Detail is null ? string.Empty : ": " + file.Detail)}");
                }

                output.WriteLine($"{report.Count(FileCheckState.Verified)} verified, {report.Count(FileCheckState.Failed)} failed, {report.Count(FileCheckState.Missing)} missing, {report.Count(FileCheckState.New)} new.");
                foreach (var generation in report.GenerationsWritten)
                {
                    output.WriteLine($"ASC MHL: {generation}");
                }

                output.WriteLine(report.AllVerified ? "Verification passed." : "Verification FAILED: the folder does not match its ASC MHL history (see above).");
            }

            return report.AllVerified ? ExitCodes.Success : ExitCodes.OffloadIncomplete;
        });
        return command;
    }
}
