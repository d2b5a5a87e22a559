namespace Mam.Api.Restores;

/// <summary>Makes the cuts of range restores (see partial restore).</summary>
public sealed class RestoreCuts
{
    public void Start(Guid restoreId)
    {
        _ = restoreId;
    }
}
