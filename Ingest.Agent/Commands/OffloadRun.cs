using Ingest.Agent.Api;
using Ingest.Agent.Offload;
using Mam.Core.Integrity;

namespace Ingest.Agent.Commands;

/// <summary>Runs a validated offload end to end and turns the outcome into an exit code.</summary>
public static class OffloadRun
{
    public static async Task<int> RunAsync(OffloadRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        try
        {
            // Fail before the first byte is written, not after a card folder already exists.
            using var probe = new Xxh64Hasher();
        }
        catch (XxHashUnavailableException ex)
        {
            error.WriteLine(ex.Message);
            error.WriteLine("Nothing was written.");
            return ExitCodes.Usage;
        }

        var progress = new ConsoleOffloadProgress(output);
        output.WriteLine($"Offloading {request.SourcePath} to {string.Join(", ", request.Destinations)}");
        var report = await new CardOffload(request, progress, TimeProvider.System).RunAsync(cancellationToken).ConfigureAwait(false);
        OffloadSummary.Write(output, report);
        var exitCode = report.AllVerified ? ExitCodes.Success : ExitCodes.OffloadIncomplete;

        if (request.Api is null)
        {
            return exitCode;
        }

        if (!report.Files.Any(f => f.FirstVerifiedCopy is not null))
        {
            error.WriteLine("Nothing was uploaded: no file is verified on any destination.");
            return exitCode;
        }

        var safeAt = string.Join(", ", report.Destinations.Where(d => d.VerifiedFiles > 0).Select(d => d.CardFolder));
        try
        {
            using var client = new MamApiClient(request.Api);
            output.WriteLine($"Uploading verified files to {request.Api.BaseAddress} ...");
            var registration = await CardUpload.RunAsync(report, request, client, progress, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Registered card {report.Card.Name} in project {request.Project} as {registration.CardId} ({registration.Assets.Count} assets).");
            return exitCode;
        }
        catch (MamApiException ex) when (ex.Unreachable)
        {
            error.WriteLine($"Could not reach the MAM API at {request.Api.BaseAddress}: {ex.Message}; the card is safe at {safeAt}; run again to upload.");
        }
        catch (MamApiException ex)
        {
            error.WriteLine($"The MAM API did not accept the card: {ex.Message}. The card is safe at {safeAt}; fix the problem and run again to upload.");
        }

        // A local failure matters more than a failed upload: it means a copy is missing.
        return exitCode == ExitCodes.Success ? ExitCodes.UploadFailed : exitCode;
    }
}
