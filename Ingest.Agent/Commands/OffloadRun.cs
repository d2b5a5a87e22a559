using Ingest.Agent.Api;
using Ingest.Agent.Offload;
using Ingest.Agent.Progress;
using Ingest.Agent.Upload;
using Ingest.Agent.Verification;

namespace Ingest.Agent.Commands;

/// <summary>Runs a validated offload end to end and turns the outcome into an exit code.</summary>
public static class OffloadRun
{
    public static async Task<int> RunAsync(OffloadRequest request, OutputMode mode, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var json = mode == OutputMode.Json ? new JsonProgress(output) : null;
        IOffloadProgress lines = mode switch
        {
            OutputMode.Json => json!,
            OutputMode.Quiet => SilentOffloadProgress.Instance,
            _ => new LineProgress(output),
        };
        if (mode is OutputMode.Lines or OutputMode.Live)
        {
            output.WriteLine($"Offloading {request.SourcePath} to {string.Join(", ", request.Destinations)} (verify: {request.Verify.ToString().ToLowerInvariant()}, hashes: {string.Join(",", request.Formats)})");
        }

        OffloadReport report;
        try
        {
            var offload = new CardOffload(request, lines, TimeProvider.System);
            report = mode == OutputMode.Live
                ? await LiveProgress.RunAsync(request.Destinations, request.Verify == VerifyMode.Full, live => new CardOffload(request, live, TimeProvider.System).RunAsync(cancellationToken)).ConfigureAwait(false)
                : await offload.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DestinationBusyException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.Busy;
        }

        if (json is not null)
        {
            json.Summary(report);
        }
        else if (mode == OutputMode.Quiet)
        {
            OffloadSummary.WriteProblems(error, report);
            output.WriteLine(OffloadSummary.ResultLine(report));
        }
        else
        {
            OffloadSummary.Write(output, report);
        }

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

        var uploadExit = await UploadRun.RunAsync(CardUploadPlan.FromReport(report, request), request.Api, request.JournalPath, lines, mode == OutputMode.Json ? TextWriter.Null : output, error, quiet: mode == OutputMode.Quiet, cancellationToken).ConfigureAwait(false);

        // A local failure matters more than a failed upload: it means a copy is missing.
        return exitCode != ExitCodes.Success ? exitCode : uploadExit;
    }
}
