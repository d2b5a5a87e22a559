using System.CommandLine;
using System.Text.Json;

namespace Ingest.Agent.Commands;

/// <summary>
/// <c>ingest-agent watch ROOT --preset FILE</c>: every folder that appears under ROOT (e.g. /media/dit,
/// where card readers mount) is offloaded with the preset, one card at a time. Cards present at start
/// count as appearing. A card whose offload failed is tried again once it is re-inserted.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var root = new Argument<string>("ROOT") { Description = "The folder card volumes appear in (/Volumes on a Mac, /media/$USER on Linux)." };
        var preset = new Option<string>("--preset") { Description = "JSON preset: {\"destinations\":[…],\"project\":…,\"verify\":\"full\",\"hash\":\"xxh64\",\"api\":…,\"dit\":…}.", Required = true };
        var interval = new Option<int>("--interval") { Description = "Seconds between looks at ROOT.", DefaultValueFactory = _ => 2 };
        var once = new Option<bool>("--once") { Description = "Offload what is there now, then exit (for scripts and cron)." };
        var journal = new Option<string?>("--journal") { Description = "The resume journal shared by every offload." };
        var command = new Command("watch", "Offload each card volume that appears under ROOT with a saved preset.")
        {
            root, preset, interval, once, journal,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var folder = OffloadCommand.FullPath(parseResult.GetRequiredValue(root));
            WatchPreset settings;
            try
            {
                settings = await WatchPreset.LoadAsync(parseResult.GetRequiredValue(preset), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
            {
                error.WriteLine($"--preset: {ex.Message}");
                return ExitCodes.Usage;
            }

            if (!Directory.Exists(folder) || parseResult.GetValue(interval) <= 0)
            {
                error.WriteLine($"ROOT '{folder}' must be an existing folder and --interval more than 0.");
                return ExitCodes.Usage;
            }

            var handled = new Dictionary<string, int>(StringComparer.Ordinal);
            var worst = ExitCodes.Success;
            while (!cancellationToken.IsCancellationRequested)
            {
                var present = Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).ToList();
                foreach (var gone in handled.Keys.Except(present, StringComparer.Ordinal).ToList())
                {
                    handled.Remove(gone);
                }

                foreach (var card in present.Where(c => !handled.ContainsKey(c)))
                {
                    output.WriteLine($"Card appeared: {card}");
                    var exit = await AgentCli.RunAsync([.. settings.OffloadArguments(card, parseResult.GetValue(journal))], output, error, cancellationToken).ConfigureAwait(false);
                    handled[card] = exit;
                    worst = Math.Max(worst, exit);
                    output.WriteLine($"Card {card}: exit {exit}");
                }

                if (parseResult.GetValue(once))
                {
                    return worst;
                }

                await Task.Delay(TimeSpan.FromSeconds(parseResult.GetValue(interval)), cancellationToken).ConfigureAwait(false);
            }

            return worst;
        });
        return command;
    }
}
