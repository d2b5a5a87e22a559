namespace Mam.Api.Security.Access;

/// <summary>What a role may do on a project. Which role has which is <see cref="RoleRights"/>.</summary>
public enum Right
{
    /// <summary>See the project's clips, media, transcripts, cards and search hits.</summary>
    Read,

    /// <summary>Register cards and upload originals (the DIT's agent).</summary>
    Ingest,

    /// <summary>Comment, draw and approve.</summary>
    Review,

    /// <summary>Re-run stages, rebuild renditions.</summary>
    Operate,

    /// <summary>Bring masters back from the archive.</summary>
    Restore,

    /// <summary>Choose who belongs to the project and in which role.</summary>
    Manage,
}
