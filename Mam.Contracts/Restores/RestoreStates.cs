namespace Mam.Contracts.Restores;

/// <summary>Where a restore is.</summary>
public static class RestoreStates
{
    /// <summary>Planned; nothing has moved.</summary>
    public const string Planned = "planned";

    /// <summary>Started: the agent is reading and verifying.</summary>
    public const string Restoring = "restoring";

    /// <summary>Started: files in an archive tier were requested from the store and are coming back (hours).</summary>
    public const string WaitingForArchive = "waiting-for-archive";

    /// <summary>Started: every archived file is readable now, until its restored copy expires; run the agent.</summary>
    public const string Ready = "ready";

    /// <summary>Finished with every file verified (or, for a cut, recorded as a new original).</summary>
    public const string Done = "done";

    /// <summary>Finished with some file failed; the files say why.</summary>
    public const string Failed = "failed";
}
