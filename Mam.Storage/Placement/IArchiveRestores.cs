namespace Mam.Storage.Placement;

/// <summary>What the store said to a request to bring an archived object back.</summary>
public enum ArchiveRequestOutcome
{
    /// <summary>Taken (S3: 202 Accepted): a readable copy comes after the tier's wait.</summary>
    Accepted,

    /// <summary>A request for it is under way already (S3: 409 RestoreAlreadyInProgress): nothing more to ask.</summary>
    AlreadyUnderWay,

    /// <summary>A readable copy exists already (S3: 200 OK, its expiry moved to the new number of days).</summary>
    AlreadyReadable,
}

/// <summary>A store with archive tiers that brings objects back on request (S3: RestoreObject). Stores
/// without them do not implement it; a restore of an archived object from such a store is refused.</summary>
public interface IArchiveRestores
{
    /// <param name="tier">Expedited, Standard or Bulk.</param>
    /// <param name="days">How long the restored copy stays readable.</param>
    /// <exception cref="ObjectNotFoundException">No object at the key.</exception>
    Task<ArchiveRequestOutcome> RequestRestoreAsync(string key, string tier, int days, CancellationToken cancellationToken);
}

/// <summary>The store answered a restore request with a refusal it gave a reason for (S3: an error other
/// than RestoreAlreadyInProgress; Ceph RGW 16: 501 NotImplemented). Nothing was requested.</summary>
public sealed class ArchiveRequestRefusedException(string key, string reason, Exception? innerException = null)
    : Exception($"The store did not take the request to bring '{key}' back from its archive tier: {reason}", innerException)
{
    public string Key { get; } = key;
}
