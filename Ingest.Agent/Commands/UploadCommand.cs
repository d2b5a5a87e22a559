using System.CommandLine;
using System.Xml;
using Ingest.Agent.Offload;
using Ingest.Agent.Upload;
using Mam.Contracts;

namespace Ingest.Agent.Commands;

/// <summary><c>ingest-agent upload DIR --project P --api URL</c>: push a card offloaded earlier (on-set machines are often offline).</summary>
internal static class UploadCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("DIR") { Description = "An offloaded card folder on a destination (it holds the card's ascmhl/ history)." };
        var project = new Option<string>("--project") { Description = "The MAM project the card belongs to.", Required = true };
        var dit = new Option<string?>("--dit") { Description = "The DIT's name recorded in the MAM (default: the user name)." };
        var api = ApiOptions.Create();
        var common = new CommonOptions();
        var command = new Command("upload", "Upload an already offloaded card folder (files as listed in its ASC MHL history) and register it; resumable.")
        {
            folder, project, dit,
        };
        api.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!api.TryRead(parseResult, error, out var settings))
            {
                return ExitCodes.Usage;
            }

            if (settings is null)
            {
                error.WriteLine("upload needs --api URL (and --api-key or $MAM_API_KEY).");
                return ExitCodes.Usage;
            }

            if (Names.ProblemWithName(parseResult.GetRequiredValue(project), "project") is { } badProject)
            {
                error.WriteLine($"--project: {badProject}");
                return ExitCodes.Usage;
            }

            var root = OffloadCommand.FullPath(parseResult.GetRequiredValue(folder));
            CardUploadPlan plan;
            try
            {
                var author = parseResult.GetValue(dit) is { Length: > 0 } name ? name : Environment.UserName;
                plan = await CardUploadPlan.FromCardFolderAsync(root, parseResult.GetRequiredValue(project), author, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or XmlException or FormatException)
            {
                error.WriteLine(ex.Message);
                return ExitCodes.Usage;
            }

            var missing = plan.Files.Where(f => !File.Exists(f.LocalPath)).Select(f => f.RelativePath).ToList();
            if (missing.Count > 0)
            {
                error.WriteLine($"{missing.Count} file(s) listed in the ASC MHL history are missing: {string.Join(", ", missing)}. Run 'ingest-agent verify {root}' first.");
                return ExitCodes.OffloadIncomplete;
            }

            var mode = common.Mode(parseResult, output);
            IOffloadProgress progress = mode == OutputMode.Json ? new Progress.JsonProgress(output) : mode == OutputMode.Quiet ? SilentOffloadProgress.Instance : new Progress.LineProgress(output);
            return await UploadRun.RunAsync(plan, settings, common.JournalPath(parseResult), progress, mode == OutputMode.Json ? TextWriter.Null : output, error, quiet: mode == OutputMode.Quiet, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
