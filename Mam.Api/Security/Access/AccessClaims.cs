namespace Mam.Api.Security.Access;

/// <summary>Claims our authentication handlers put on a caller beyond the person's id and name.</summary>
public static class AccessClaims
{
    /// <summary>The access token used (its id): the caller is a machine acting for the person.</summary>
    public const string Token = "mam:token";

    /// <summary>The token is limited to this project id.</summary>
    public const string TokenProject = "mam:token-project";

    /// <summary>The token is limited to this role's rights.</summary>
    public const string TokenRole = "mam:token-role";

    /// <summary>The caller came through a signed media link, good for this one path only.</summary>
    public const string LinkPath = "mam:link-path";
}
