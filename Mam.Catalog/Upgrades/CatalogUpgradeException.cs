namespace Mam.Catalog.Upgrades;

/// <summary>The catalog cannot be brought up to this build's schema; the message says why and what
/// to do. Thrown before anything is changed.</summary>
public sealed class CatalogUpgradeException : Exception
{
    public CatalogUpgradeException()
    {
    }

    public CatalogUpgradeException(string message) : base(message)
    {
    }

    public CatalogUpgradeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
