namespace Mam.Bench.Harness;

/// <summary>The real agent feeding a card to an API: `ingest-agent offload CARD --dest … --api …` copies and verifies
/// the card, uploads it and registers it, as a DIT would.</summary>
public static class AgentOffload
{
    /// <exception cref="InvalidOperationException">The agent failed; its output and the API's are in the message.</exception>
    public static async Task RunAsync(RepoPaths repo, MamApiProcess api, string cardFolder, string destination, string project, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(api);
        using var agent = new ChildProcess("ingest-agent",
            [repo.AgentDll, "offload", cardFolder, "--dest", destination, "--project", project, "--api", api.BaseUri.ToString(), "--token", api.AdminToken],
            new Dictionary<string, string>(StringComparer.Ordinal), Path.GetDirectoryName(repo.AgentDll)!);
        await agent.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (agent.ExitCode != 0)
        {
            throw new InvalidOperationException($"ingest-agent exited with {agent.ExitCode}:\n{agent.Tail}\n--- Mam.Api ---\n{api.Tail}");
        }
    }
}
