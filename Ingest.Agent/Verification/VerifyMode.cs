namespace Ingest.Agent.Verification;

/// <summary>How a copy is proven equal to the source (<c>--verify</c>).</summary>
public enum VerifyMode
{
    /// <summary>Trust the hash of the bytes in flight: what was read is what was written (fsync'd).</summary>
    Transfer,

    /// <summary>Re-read the source after the copy and compare: catches a card that reads differently twice.</summary>
    Source,

    /// <summary>Re-read every destination copy from the device, not the page cache, and compare.</summary>
    Full,
}
