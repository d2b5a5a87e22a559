using System.CommandLine;
using System.Text.Json;
using System.Xml;
using Ingest.Agent.Api;
using Ingest.Agent.Verification;
using Mam.Contracts;

namespace Ingest.Agent.Commands;

/// <summary><c>ingest-agent verify DIR [--api URL --project P]</c>: check a folder against its ASC MHL history and
/// append a generation; with --api, report the result to the MAM as a check of that copy. Offline is normal on
/// set: without --api nothing is sent, and a MAM that cannot be reached never changes the verification's result.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("DIR") { Description = "A folder with an ascmhl/ history (an offloaded card, or a folder of cards)." };
        var noWrite = new Option<bool>("--no-generation") { Description = "Only report; do not append a generation to the history." };
        var dit = new Option<string?>("--dit") { Description = "Name recorded as author of the new generation (default: the user name)." };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var project = new Option<string?>("--project") { Description = "With --api: the MAM project of the card(s), to report the result to." };
        var api = ApiOptions.Create();
        var command = new Command("verify", "Re-hash a folder from the device and compare it with its ASC MHL history: missing, new and mismatching files; exits 1 on any problem. With --api, the MAM records the result as a check of this copy.")
        {
            folder, noWrite, dit, json, project,
        };
        api.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!api.TryRead(parseResult, error, out var settings))
            {
                return ExitCodes.Usage;
            }
            var projectName = parseResult.GetValue(project);
            if (settings is not null && (projectName is null || Names.ProblemWithName(projectName, "project") is not null))
            {
                error.WriteLine(projectName is null ? "--api needs --project: the MAM project the card belongs to." : $"--project: {Names.ProblemWithName(projectName, "project")}");
                return ExitCodes.Usage;
            }

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

            if (settings is not null)
            {
                // Progress words to stderr under --json, so stdout stays one JSON object.
                await ReportAsync(settings, projectName!, report, parseResult.GetValue(json) ? error : output, error, cancellationToken).ConfigureAwait(false);
            }

            // The verification's result, whatever the MAM said: the folder is what it is.
            return report.AllVerified ? ExitCodes.Success : ExitCodes.OffloadIncomplete;
        });
        return command;
    }

    private static async Task ReportAsync(MamApiSettings settings, string project, HistoryCheckReport report, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var client = new MamApiClient(settings);
        foreach (var (card, body) in VerificationReports.From(report, TimeProvider.System.GetUtcNow()))
        {
            try
            {
                var answer = await client.ReportVerificationAsync(project, card, body, cancellationToken).ConfigureAwait(false);
                output.WriteLine($"MAM: card {card} at {answer.Location}: {answer.Recorded} check(s) recorded, {answer.Intact} intact, {answer.Failed} failed.");
                if (answer.UnknownPaths.Count > 0)
                {
                    error.WriteLine($"MAM: card {card} in '{project}' has no file(s) {string.Join(", ", answer.UnknownPaths)}: not recorded.");
                }
            }
            catch (MamApiException ex)
            {
                error.WriteLine($"The result for card {card} could not be sent to the MAM ({ex.Message}); the verification above stands. Run verify again with --api when the MAM is reachable.");
            }
        }
    }
}
