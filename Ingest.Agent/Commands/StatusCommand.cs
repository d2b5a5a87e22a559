using System.CommandLine;
using System.Text.Json;
using Ingest.Agent.Journal;

namespace Ingest.Agent.Commands;

/// <summary><c>ingest-agent status</c>: what the local journal says is running, done, failed or interrupted.</summary>
internal static class StatusCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var limit = new Option<int>("--last") { Description = "How many recent runs to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("status", "List recent offload/upload runs from the local journal: running, done, failed, or interrupted (run the same command again to resume).")
        {
            limit,
        };
        common.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = common.JournalPath(parseResult);
            if (!File.Exists(path))
            {
                output.WriteLine($"No journal at {path}: nothing has run yet.");
                return ExitCodes.Success;
            }

            var journal = await OffloadJournal.OpenAsync(path, cancellationToken).ConfigureAwait(false);
            await using (journal.ConfigureAwait(false))
            {
                var runs = await journal.RunsAsync(parseResult.GetValue(limit), cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(common.Json))
                {
                    output.WriteLine(JsonSerializer.Serialize(runs, ReadableJson.Default.IReadOnlyListJournalRun));
                    return ExitCodes.Success;
                }

                foreach (var run in runs)
                {
                    output.WriteLine($"#{run.Id} {run.Kind,-7} {run.State,-11} {run.Source} → {run.Destinations.Replace('\n', ' ')}  {run.FilesDone}/{run.FilesTotal?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} files  {run.Updated}{(run.Message is null ? string.Empty : "  " + run.Message)}");
                }

                if (runs.Count == 0)
                {
                    output.WriteLine("The journal has no runs.");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
