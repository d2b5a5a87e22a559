using System.CommandLine;

namespace Ingest.Agent.Commands;

/// <summary>
/// The ingest-agent command line, callable in-process: tests and hosts pass their own writers
/// instead of spawning the executable.
/// </summary>
public static class AgentCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("MAM ingest agent: offload camera cards with verified copies and ASC MHL, verify, upload; restore them from the MAM.")
        {
            OffloadCommand.Create(output, error),
            VerifyCommand.Create(output, error),
            UploadCommand.Create(output, error),
            StatusCommand.Create(output, error),
            WatchCommand.Create(output, error),
            RestoreCommand.Create(output, error),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync(parseError.Message.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            var name = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "offload";
            await error.WriteLineAsync($"Run 'ingest-agent {name} --help' for usage. Nothing was written.".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }
}
