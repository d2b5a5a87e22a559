namespace Ingest.Agent.Commands;

/// <summary>Process exit codes, stable for scripts and the DIT cart's automation.</summary>
public static class ExitCodes
{
    /// <summary>Every file verified on every destination (and uploaded and registered with --api).</summary>
    public const int Success = 0;

    /// <summary>Some file could not be copied or verified (or, for verify, differs from its history); see the summary.</summary>
    public const int OffloadIncomplete = 1;

    /// <summary>Bad usage or input; nothing was written.</summary>
    public const int Usage = 2;

    /// <summary>The card is safe locally but upload or registration with the MAM failed.</summary>
    public const int UploadFailed = 3;

    /// <summary>Another agent is writing into the same destination card folder; nothing was written.</summary>
    public const int Busy = 4;

    /// <summary>restore: files are coming back from an archive tier (hours); nothing of them was written. Run
    /// the same command again later to continue the same restore, or with --wait to wait for them.</summary>
    public const int ArchiveWaiting = 5;
}
