using System.CommandLine;
using Ingest.Agent.Api;
using Ingest.Agent.Offload;
using Ingest.Agent.Verification;
using Mam.Integrity.Hashing;

namespace Ingest.Agent.Commands;

/// <summary><c>ingest-agent offload SOURCE --dest DIR [--dest DIR…] [--project P] [--verify …] [--hash …] [--upload|--no-upload] [--api URL]</c>.</summary>
internal static class OffloadCommand
{
    public const string TokenVariable = "MAM_TOKEN";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("SOURCE") { Description = "The camera card's root folder (mounted card or reader)." };
        var destinations = new Option<string[]>("--dest")
        {
            Description = "A destination folder; the card lands in DEST/<card name>/. Repeat for more copies.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var project = new Option<string?>("--project") { Description = "The MAM project the card belongs to (required to upload)." };
        var verify = new Option<VerifyMode>("--verify")
        {
            Description = "full: re-read every copy from the device; source: re-read the source; transfer: trust the in-flight hash.",
            DefaultValueFactory = _ => VerifyMode.Full,
        };
        var hash = new Option<string>("--hash")
        {
            Description = $"Hash formats computed in the copy pass, comma-separated ({string.Join(",", HashFormats.All)}); xxh64 is always included.",
            DefaultValueFactory = _ => HashFormats.Xxh64,
        };
        var upload = new Option<bool>("--upload") { Description = "Upload and register the card after local verification (default when --api is given)." };
        var noUpload = new Option<bool>("--no-upload") { Description = "Only copy and verify locally, even with --api; run 'upload' later." };
        var api = ApiOptions.Create();
        var dit = new Option<string?>("--dit") { Description = "The DIT's name recorded in the ASC MHL and the MAM (default: the user name)." };
        var common = new CommonOptions();

        var command = new Command("offload", "Copy a camera card to one or more destinations in one read, verify every copy, seal each with ASC MHL, optionally upload.")
        {
            source, destinations, project, verify, hash, upload, noUpload, dit,
        };
        api.AddTo(command);
        common.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = BuildRequest(parseResult, error);
            if (request is null)
            {
                return ExitCodes.Usage;
            }

            return await OffloadRun.RunAsync(request, common.Mode(parseResult, output), output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;

        OffloadRequest? BuildRequest(ParseResult parseResult, TextWriter errors)
        {
            var formats = HashFormats.Parse(parseResult.GetValue(hash), out var hashError);
            if (formats is null)
            {
                errors.WriteLine($"--hash: {hashError}");
                return null;
            }

            if (parseResult.GetValue(upload) && parseResult.GetValue(noUpload))
            {
                errors.WriteLine("--upload and --no-upload contradict each other.");
                return null;
            }

            MamApiSettings? apiSettings = null;
            if (!parseResult.GetValue(noUpload))
            {
                if (!api.TryRead(parseResult, errors, out apiSettings))
                {
                    return null;
                }

                if (parseResult.GetValue(upload) && apiSettings is null)
                {
                    errors.WriteLine("--upload needs --api URL.");
                    return null;
                }
            }

            var projectName = parseResult.GetValue(project) ?? string.Empty;
            if (apiSettings is not null && string.IsNullOrWhiteSpace(projectName))
            {
                errors.WriteLine("--project must name the project the card belongs to when uploading.");
                return null;
            }

            var request = new OffloadRequest(
                FullPath(parseResult.GetRequiredValue(source)),
                (parseResult.GetValue(destinations) ?? []).Select(FullPath).ToList(),
                projectName,
                parseResult.GetValue(dit) is { Length: > 0 } name ? name : Environment.UserName,
                apiSettings,
                parseResult.GetValue(verify),
                formats,
                common.JournalPath(parseResult));

            if (OffloadPreflight.Check(request) is { } refusal)
            {
                errors.WriteLine(refusal);
                errors.WriteLine("Nothing was written.");
                return null;
            }

            return request;
        }
    }

    internal static string FullPath(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) is { Length: > 0 } full ? full : "/";
}
