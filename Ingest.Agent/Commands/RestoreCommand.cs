using System.CommandLine;
using System.Globalization;
using Ingest.Agent.Restore;
using Mam.Contracts.Restores;

namespace Ingest.Agent.Commands;

/// <summary><c>ingest-agent restore --api URL (--card ID | --assets ID,ID | --asset ID --from TC --to TC) --dest DIR [--plan-only] [--merge] [--tier T] [--wait]</c>.</summary>
internal static class RestoreCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var planned = new Option<string?>("--restore") { Description = "Run a restore planned already (on the web page, or with POST /api/restores): its id." };
        var card = new Option<string?>("--card") { Description = "Restore a whole card: its id, or its name with --project." };
        var project = new Option<string?>("--project") { Description = "The project of a card named by --card." };
        var assets = new Option<string?>("--assets") { Description = "Restore clips (with their sidecars): asset ids, comma-separated." };
        var asset = new Option<string?>("--asset") { Description = "Restore one clip between two timecodes (--from, --to): its asset id." };
        var from = new Option<string?>("--from") { Description = "First frame of the range, in the clip's timecode (HH:MM:SS:FF)." };
        var to = new Option<string?>("--to") { Description = "End of the range (exclusive), HH:MM:SS:FF." };
        var destination = new Option<string>("--dest") { Description = "The folder to restore into; each card lands in DEST/<card>/.", Required = true };
        var planOnly = new Option<bool>("--plan-only") { Description = "Print the plan (files, storage classes, bytes, time, archive-tier cost) and stop; nothing moves." };
        var merge = new Option<bool>("--merge") { Description = "Restore into a card folder that already holds files: files there are kept when they match and never overwritten." };
        var tier = new Option<string?>("--tier") { Description = "Retrieval tier for files in an archive tier: Expedited, Standard or Bulk." };
        var throughput = new Option<double?>("--throughput") { Description = "Your link's MiB/s, for the plan's time estimate (default: the MAM's measured or configured figure)." };
        var author = new Option<string?>("--author") { Description = "The archivist recorded in the ASC MHL generation (default: the user name)." };
        var filesInFlight = new Option<int>("--files-in-flight") { Description = "Files read from the store at the same time.", DefaultValueFactory = _ => 4 };
        var cutTimeout = new Option<int>("--cut-timeout") { Description = "Minutes to wait for the MAM to cut a range before giving up.", DefaultValueFactory = _ => 30 };
        var wait = new Option<bool>("--wait") { Description = "When files must come back from an archive tier first (hours), wait for them here and then restore. Without it the command says how long and exits with 5; run it again later to continue." };
        var waitEvery = new Option<int>("--wait-every") { Description = "With --wait: seconds between asking the MAM whether the archived files are readable.", DefaultValueFactory = _ => 300 };
        var api = ApiOptions.Create();
        var common = new CommonOptions();
        var command = new Command("restore", "Restore a card, clips, or one clip between two timecodes from the MAM into a folder, verified against the hashes taken on set, with the card's ASC MHL history and a new generation.")
        {
            planned, card, project, assets, asset, from, to, destination, planOnly, merge, tier, throughput, author, filesInFlight, cutTimeout, wait, waitEvery,
        };
        api.AddTo(command);
        command.Options.Add(common.Journal);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!api.TryRead(parseResult, error, out var settings))
            {
                return ExitCodes.Usage;
            }
            if (settings is null)
            {
                error.WriteLine("restore needs --api URL (and a token: --token, --token-file or $MAM_TOKEN).");
                return ExitCodes.Usage;
            }
            if (Scope(parseResult.GetValue(planned), parseResult.GetValue(card), parseResult.GetValue(project), parseResult.GetValue(assets), parseResult.GetValue(asset),
                    parseResult.GetValue(from), parseResult.GetValue(to), parseResult.GetValue(throughput), error) is not { } scope)
            {
                return ExitCodes.Usage;
            }
            if (parseResult.GetValue(filesInFlight) is < 1 or > 64 || parseResult.GetValue(cutTimeout) < 1 || parseResult.GetValue(waitEvery) < 1)
            {
                error.WriteLine("--files-in-flight must be from 1 to 64, --cut-timeout at least 1 minute and --wait-every at least 1 second.");
                return ExitCodes.Usage;
            }
            var job = new RestoreJob(settings, scope.Request, scope.Key, OffloadCommand.FullPath(parseResult.GetRequiredValue(destination)),
                parseResult.GetValue(planOnly), parseResult.GetValue(merge), parseResult.GetValue(tier),
                parseResult.GetValue(author) is { Length: > 0 } name ? name : Environment.UserName,
                common.JournalPath(parseResult), parseResult.GetValue(filesInFlight), TimeSpan.FromMinutes(parseResult.GetValue(cutTimeout)), scope.Planned,
                parseResult.GetValue(wait), TimeSpan.FromSeconds(parseResult.GetValue(waitEvery)));
            return await RestoreRun.RunAsync(job, output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <returns>The request and a stable key for it (the journal's), or null after printing what is wrong.</returns>
    private static (RestoreRequest Request, string Key, Guid? Planned)? Scope(string? planned, string? card, string? project, string? assets, string? asset, string? from, string? to, double? throughput, TextWriter error)
    {
        var named = (planned is not null ? 1 : 0) + (card is not null ? 1 : 0) + (assets is not null ? 1 : 0) + (asset is not null ? 1 : 0);
        if (named != 1)
        {
            error.WriteLine("Name exactly one thing to restore: --card ID (or --card NAME --project P), --assets ID,ID, --asset ID --from TC --to TC, or a planned --restore ID.");
            return null;
        }
        if (planned is not null)
        {
            if (!Guid.TryParse(planned, out var id))
            {
                error.WriteLine($"--restore: '{planned}' is not a restore id.");
                return null;
            }
            return (new RestoreRequest(null, null, null, null, null, null, throughput), $"restore:{id}", id);
        }
        if (throughput is <= 0)
        {
            error.WriteLine("--throughput must be more than 0 (MiB/s).");
            return null;
        }
        if (card is not null)
        {
            return (new RestoreRequest(project, card, null, null, null, null, throughput), $"card:{project}/{card}", null);
        }
        if (assets is not null)
        {
            var ids = new List<Guid>();
            foreach (var part in assets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Guid.TryParse(part, out var id))
                {
                    error.WriteLine($"--assets: '{part}' is not an asset id.");
                    return null;
                }
                ids.Add(id);
            }
            if (ids.Count == 0)
            {
                error.WriteLine("--assets needs at least one asset id.");
                return null;
            }
            return (new RestoreRequest(null, null, ids, null, null, null, throughput), "assets:" + string.Join(',', ids.Order()), null);
        }
        if (!Guid.TryParse(asset, out var clip))
        {
            error.WriteLine($"--asset: '{asset}' is not an asset id.");
            return null;
        }
        if (from is null || to is null)
        {
            error.WriteLine("--asset restores a range: give --from and --to (HH:MM:SS:FF, the clip's timecode). To restore the whole clip, use --assets.");
            return null;
        }
        return (new RestoreRequest(null, null, null, clip, from, to, throughput), string.Create(CultureInfo.InvariantCulture, $"range:{clip}:{from}-{to}"), null);
    }
}
