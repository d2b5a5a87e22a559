using System.CommandLine;
using Ingest.Agent.Api;

namespace Ingest.Agent.Commands;

/// <summary>--api, --token, --token-file, --api-retries, --api-timeout, --parts-in-flight: shared by offload, upload and watch.</summary>
internal sealed class ApiOptions
{
    private readonly Option<string?> _api = new("--api") { Description = "MAM API base URL; upload and register the card after local verification." };
    private readonly Option<string?> _token = new("--token") { Description = $"Personal access token for --api (default: ${OffloadCommand.TokenVariable}, then --token-file, then {AgentToken.DefaultFileDescription}). Never printed." };
    private readonly Option<string?> _tokenFile = new("--token-file") { Description = "A file holding the access token (readable by you only, like ~/.ssh keys)." };
    private readonly Option<int> _retries = new("--api-retries")
    {
        Description = "Retries per request for transient failures (API or storage unreachable, 5xx): exponential backoff with jitter, each wait at most 30 s. The default 4 ride out ~15 s; 20 about 8 minutes.",
        DefaultValueFactory = _ => MamApiSettings.DefaultMaxRetries,
    };

    private readonly Option<int> _timeout = new("--api-timeout")
    {
        Description = "Seconds one API request may take, streaming a part or file included.",
        DefaultValueFactory = _ => (int)MamApiSettings.DefaultTimeout.TotalSeconds,
    };

    private readonly Option<int> _partsInFlight = new("--parts-in-flight")
    {
        Description = "Upload parts of one file sent at the same time.",
        DefaultValueFactory = _ => MamApiSettings.DefaultPartsInFlight,
    };

    public static ApiOptions Create() => new();

    public void AddTo(Command command)
    {
        command.Options.Add(_api);
        command.Options.Add(_token);
        command.Options.Add(_tokenFile);
        command.Options.Add(_retries);
        command.Options.Add(_timeout);
        command.Options.Add(_partsInFlight);
    }

    /// <returns>False on a usage error (already printed); settings null when no --api was given.</returns>
    public bool TryRead(ParseResult parseResult, TextWriter errors, out MamApiSettings? settings)
    {
        settings = null;
        var apiUrl = parseResult.GetValue(_api);
        if (apiUrl is null)
        {
            return true;
        }

        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var baseAddress) || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            errors.WriteLine($"--api '{apiUrl}' is not an http(s) URL.");
            return false;
        }

        var key = AgentToken.Find(parseResult.GetValue(_token), parseResult.GetValue(_tokenFile), errors, out var unreadable);
        if (unreadable)
        {
            return false;
        }
        if (string.IsNullOrWhiteSpace(key))
        {
            errors.WriteLine($"--api needs an access token: pass --token or --token-file, set {OffloadCommand.TokenVariable}, or put it in {AgentToken.DefaultFileDescription}. Make one on the server's /account page or with POST /api/tokens.");
            return false;
        }

        var retryCount = parseResult.GetValue(_retries);
        var timeoutSeconds = parseResult.GetValue(_timeout);
        var partsInFlight = parseResult.GetValue(_partsInFlight);
        if (retryCount < 0 || timeoutSeconds <= 0 || partsInFlight is < 1 or > 64)
        {
            errors.WriteLine("--api-retries must be 0 or more, --api-timeout more than 0 and --parts-in-flight from 1 to 64.");
            return false;
        }

        settings = new MamApiSettings(baseAddress, key, retryCount, TimeSpan.FromSeconds(timeoutSeconds), MamApiSettings.DefaultRetryBaseDelay)
        {
            PartsInFlight = partsInFlight,
        };
        return true;
    }
}
