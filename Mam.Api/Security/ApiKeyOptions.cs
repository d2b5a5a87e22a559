namespace Mam.Api.Security;

/// <summary>Section "Security". Writes (card registration, uploads, retries) need the API key.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Security";

    /// <summary>When empty, a key is generated on first start and kept in {Mam:DataDirectory}/api-key.</summary>
    public string? ApiKey { get; set; }
}
