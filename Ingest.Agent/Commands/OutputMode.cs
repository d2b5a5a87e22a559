namespace Ingest.Agent.Commands;

/// <summary>How a command talks to its user: --quiet, --json, or (default) live on a terminal, lines otherwise.</summary>
public enum OutputMode
{
    Lines,
    Live,
    Quiet,
    Json,
}
