using System.Collections.Frozen;

namespace Mam.Workers.Audit;

/// <summary>What a row of the audit trail says was done, in the words a security reviewer reads. A
/// closed set: the trail is queried by these, so a new kind of action is added here, once.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    public const string Search = "search";
    /// <summary>A clip opened: its page, or its record through the API.</summary>
    public const string ViewClip = "view-clip";
    /// <summary>Seconds of a clip watched on its page (added up per view).</summary>
    public const string Watch = "watch";
    /// <summary>A proxy played: its range requests added up per person and clip.</summary>
    public const string Stream = "stream";
    /// <summary>A proxy fetched whole (no range: a script or a "save as").</summary>
    public const string Download = "download";
    /// <summary>A transcript or marker file, or the audit trail as CSV.</summary>
    public const string Export = "export";
    public const string Restore = "restore";
    /// <summary>A review comment written, changed, resolved or imported from a marker file.</summary>
    public const string Comment = "comment";
    public const string Approve = "approve";
    public const string Rerun = "rerun";
    public const string Rebuild = "rebuild";
    public const string Reindex = "reindex";
    /// <summary>A fixity audit asked for (the scheduled ones are in the audits list).</summary>
    public const string FixityAudit = "fixity-audit";
    public const string SettingChanged = "setting-changed";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string PasswordChanged = "password-changed";
    public const string PersonAdded = "person-added";
    public const string PersonRemoved = "person-removed";
    public const string ProjectCreated = "project-created";
    /// <summary>A person given a role on a project, moved to another, or taken off it.</summary>
    public const string RoleChanged = "role-changed";
    /// <summary>A share link made for someone outside the project (who for, which clips, which rights, until when).</summary>
    public const string ShareCreated = "share-created";
    /// <summary>A share link withdrawn: its guests' sessions end at their next request.</summary>
    public const string ShareRevoked = "share-revoked";
    /// <summary>A guest opened a share link (or gave a wrong password: result refused).</summary>
    public const string ShareOpened = "share-opened";
    /// <summary>The retention job deleted rows older than Audit:RetentionDays (the only deletion).</summary>
    public const string Retention = "retention";

    public static readonly FrozenSet<string> All = FrozenSet.ToFrozenSet(
    [
        SignIn, SignInFailed, SignOut, Search, ViewClip, Watch, Stream, Download, Export, Restore, Comment, Approve,
        Rerun, Rebuild, Reindex, FixityAudit, SettingChanged, TokenCreated, TokenRevoked, PasswordChanged, PersonAdded, PersonRemoved,
        ProjectCreated, RoleChanged, Retention, ShareCreated, ShareRevoked, ShareOpened,
    ], StringComparer.Ordinal);
}

/// <summary>How an audited action went, from its HTTP status.</summary>
public static class AuditResults
{
    public const string Ok = "ok";
    /// <summary>No right to it: 401, 403, or too many attempts (429).</summary>
    public const string Refused = "refused";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> InOrder = [Ok, Refused, Failed];

    public static readonly FrozenSet<string> All = FrozenSet.ToFrozenSet(InOrder, StringComparer.Ordinal);

    public static string Of(int status) => status switch
    {
        < 400 => Ok,
        401 or 403 or 429 => Refused,
        _ => Failed,
    };
}

/// <summary>Who did it, as the trail names them.</summary>
public static class AuditActors
{
    /// <summary>Nobody was signed in.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The server itself (the retention job).</summary>
    public const string Server = "server";
}
