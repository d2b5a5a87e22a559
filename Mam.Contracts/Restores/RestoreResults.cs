namespace Mam.Contracts.Restores;

/// <summary>What became of one file, in ASC MHL's words where they apply.</summary>
public static class RestoreResults
{
    public const string Pending = "pending";

    /// <summary>Restored, and its hash equals the one taken on set.</summary>
    public const string Verified = "verified";

    /// <summary>Not restored: unreadable, missing from the store, its hash differs, no room…</summary>
    public const string Failed = "failed";

    /// <summary>A new file (a cut between two timecodes): hashed for the first time, never "verified".</summary>
    public const string Original = "original";

    public static bool IsFinal(string result) => result is Verified or Failed or Original;
}
