using Ingest.Agent.Commands;
using Ingest.Agent.Telemetry;

namespace Ingest.Agent;

/// <summary>Entry point of ingest-agent. A named class rather than top-level statements, so the
/// tests (which reference both) see one <c>Program</c>: Mam.Api's.</summary>
public static class AgentProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C stops cleanly (temp files removed, no half-verified file renamed); a second one kills.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };

        IDisposable? telemetry;
        try
        {
            telemetry = OtlpExport.StartIfConfigured();
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using (telemetry)
        {
            return await AgentCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
        }
    }
}
