using Ingest.Agent.Commands;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops cleanly (temp files removed, no half-verified file renamed); a second one kills.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

return await AgentCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
