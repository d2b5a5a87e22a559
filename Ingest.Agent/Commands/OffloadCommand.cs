using System.CommandLine;
using Ingest.Agent.Api;
using Ingest.Agent.Offload;

namespace Ingest.Agent.Commands;

/// <summary><c>ingest-agent offload SOURCE --dest DIR [--dest DIR…] --project NAME [--api URL]</c>.</summary>
internal static class OffloadCommand
{
    public const string ApiKeyVariable = "MAM_API_KEY";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("SOURCE") { Description = "The camera card's root folder (mounted card or reader)." };
        var destinations = new Option<string[]>("--dest")
        {
            Description = "A destination folder; the card lands in DEST/<card name>/. Repeat for more copies.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var project = new Option<string>("--project") { Description = "The MAM project the card belongs to.", Required = true };
        var api = new Option<string?>("--api") { Description = "MAM API base URL; upload and register the card after local verification." };
        var apiKey = new Option<string?>("--api-key") { Description = $"API key for --api (default: ${ApiKeyVariable})." };
        var dit = new Option<string?>("--dit") { Description = "The DIT's name recorded in the ASC MHL and the MAM (default: the user name)." };
        var retries = new Option<int>("--api-retries")
        {
            Description = "Retries for transient API failures (exponential backoff with jitter).",
            DefaultValueFactory = _ => MamApiSettings.DefaultMaxRetries,
        };
        var timeout = new Option<int>("--api-timeout")
        {
            Description = "Seconds one API request may take, streaming the file included.",
            DefaultValueFactory = _ => (int)MamApiSettings.DefaultTimeout.TotalSeconds,
        };

        var command = new Command("offload", "Copy a camera card to one or more destinations, verify every copy, seal each with ASC MHL.")
        {
            source, destinations, project, api, apiKey, dit, retries, timeout,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = BuildRequest(parseResult, error);
            if (request is null)
            {
                return ExitCodes.Usage;
            }

            return await OffloadRun.RunAsync(request, output, error, cancellationToken).ConfigureAwait(false);
        });
        return command;

        OffloadRequest? BuildRequest(ParseResult parseResult, TextWriter errors)
        {
            var apiUrl = parseResult.GetValue(api);
            MamApiSettings? apiSettings = null;
            if (apiUrl is not null)
            {
                if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var baseAddress) || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
                {
                    errors.WriteLine($"--api '{apiUrl}' is not an http(s) URL.");
                    return null;
                }

                var key = parseResult.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
                if (string.IsNullOrWhiteSpace(key))
                {
                    errors.WriteLine($"--api needs an API key: pass --api-key or set {ApiKeyVariable}.");
                    return null;
                }

                var retryCount = parseResult.GetValue(retries);
                var timeoutSeconds = parseResult.GetValue(timeout);
                if (retryCount < 0 || timeoutSeconds <= 0)
                {
                    errors.WriteLine("--api-retries must be 0 or more and --api-timeout more than 0.");
                    return null;
                }

                apiSettings = new MamApiSettings(baseAddress, key, retryCount, TimeSpan.FromSeconds(timeoutSeconds), MamApiSettings.DefaultRetryBaseDelay);
            }

            var request = new OffloadRequest(
                FullPath(parseResult.GetRequiredValue(source)),
                (parseResult.GetValue(destinations) ?? []).Select(FullPath).ToList(),
                parseResult.GetRequiredValue(project),
                parseResult.GetValue(dit) is { Length: > 0 } name ? name : Environment.UserName,
                apiSettings);

            if (OffloadPreflight.Check(request) is { } refusal)
            {
                errors.WriteLine(refusal);
                errors.WriteLine("Nothing was written.");
                return null;
            }

            return request;
        }
    }

    private static string FullPath(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) is { Length: > 0 } full ? full : "/";
}
