using Ingest.Agent.Api;
using Ingest.Agent.Commands;
using Ingest.Agent.Journal;
using Ingest.Agent.Offload;
using Ingest.Agent.Telemetry;
using Mam.Contracts.Cards;

namespace Ingest.Agent.Upload;

/// <summary>Uploads a card's verified files (resumably), then registers the card; maps failures to exit code 3.
/// <paramref name="output"/> gets the opening line (not with --quiet) and the registration result.</summary>
public static class UploadRun
{
    public static async Task<int> RunAsync(
        CardUploadPlan plan,
        MamApiSettings api,
        string? journalPath,
        IOffloadProgress progress,
        TextWriter output,
        TextWriter error,
        bool quiet,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        using var activity = AgentTelemetry.Source.StartActivity("upload card");
        activity?.SetTag("ingest.card", plan.Card.Name);
        activity?.SetTag("ingest.project", plan.Project);
        var journal = journalPath is null ? null : await OffloadJournal.OpenAsync(journalPath, cancellationToken).ConfigureAwait(false);
        var key = $"{plan.Project}\n{plan.Card.Name}";
        var runId = journal is null ? 0 : (await journal.BeginRunAsync("upload", key, plan.SourceVolume, api.BaseAddress.ToString(), cancellationToken).ConfigureAwait(false)).RunId;
        try
        {
            using var client = new MamApiClient(api);
            (quiet ? TextWriter.Null : output).WriteLine($"Uploading {plan.Files.Count} verified files of card {plan.Card.Name} to {api.BaseAddress} ...");
            using var upload = new FileUpload(client, journal, api, plan.Project, plan.Card.Name);
            var registered = new CardFileManifest[plan.Files.Count];
            // Files side by side: the server's whole-file check of one overlaps the parts of the next.
            await Parallel.ForEachAsync(
                Enumerable.Range(0, plan.Files.Count),
                new ParallelOptions { MaxDegreeOfParallelism = api.PartsInFlight, CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    var file = plan.Files[i];
                    progress.Uploading(file.RelativePath, file.Size);
                    var storageKey = await upload.RunAsync(file, token).ConfigureAwait(false);
                    registered[i] = new CardFileManifest(file.RelativePath, file.Size, file.Hashes, storageKey);
                }).ConfigureAwait(false);

            var registration = await client.RegisterCardAsync(
                new RegisterCardRequest(plan.Project, plan.Card.Name, plan.Card.Camera, plan.Card.Roll, plan.Dit, plan.SourceVolume, plan.OffloadedAt, registered, plan.Destinations),
                cancellationToken).ConfigureAwait(false);
            output.WriteLine($"Registered card {plan.Card.Name} in project {plan.Project} as {registration.CardId} ({registration.Assets.Count} assets).");
            await FinishAsync("done", null).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (MamApiException ex) when (ex.Unreachable || ex.StatusCode is >= 500 or 408 or 429)
        {
            var message = $"Could not reach the MAM API at {api.BaseAddress} (or its storage): {ex.Message}. Retried within the budget (--api-retries {api.MaxRetries}); the card is safe at {plan.SafeAt}; run again to upload (the upload resumes where it stopped).";
            error.WriteLine(message);
            await FinishAsync("failed", message).ConfigureAwait(false);
        }
        catch (MamApiException ex)
        {
            var message = $"The MAM API did not accept the card: {ex.Message}. The card is safe at {plan.SafeAt}; fix the problem and run again to upload.";
            error.WriteLine(message);
            await FinishAsync("failed", message).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            var message = $"Could not read a verified copy to upload: {ex.Message}.";
            error.WriteLine(message);
            await FinishAsync("failed", message).ConfigureAwait(false);
        }
        finally
        {
            if (journal is not null)
            {
                await journal.DisposeAsync().ConfigureAwait(false);
            }
        }

        return ExitCodes.UploadFailed;

        async Task FinishAsync(string state, string? message)
        {
            if (journal is not null)
            {
                await journal.FinishRunAsync(runId, state, message, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
