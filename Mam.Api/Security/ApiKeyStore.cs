using System.Security.Cryptography;
using System.Text;
using Mam.Hosting;
using Microsoft.Extensions.Options;

namespace Mam.Api.Security;

/// <summary>Holds the API key: configured, or generated once and kept (mode 0600) in the data folder,
/// so the agent and scripts on the same machine can read it and it survives restarts.</summary>
public sealed class ApiKeyStore
{
    public const string FileName = "api-key";
    private readonly byte[] _key;

    public ApiKeyStore(IOptions<ApiKeyOptions> options, IOptions<MamOptions> mam, ILogger<ApiKeyStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mam);
        var configured = options.Value.ApiKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Key = configured.Trim();
        }
        else
        {
            var path = Path.Combine(mam.Value.DataDirectory, FileName);
            if (File.Exists(path))
            {
                Key = File.ReadAllText(path).Trim();
            }
            else
            {
                Directory.CreateDirectory(mam.Value.DataDirectory);
                Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
                File.WriteAllText(path, Key + "\n");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                Generated = true;
            }
            KeyFile = path;
        }
        _key = Encoding.UTF8.GetBytes(Key);
        if (Generated)
        {
            // Where the key is, never the key: logs travel (journald, files, an OTLP collector) to
            // readers who must not be able to write; the file is readable by this user only.
            logger.LogWarning("Generated a new API key in {KeyFile} (mode 0600: only the user this server runs as can read it, e.g. with cat). Send it as the X-Api-Key header for writes, or set Security:ApiKey to choose your own.", KeyFile);
        }
    }

    public string Key { get; }

    public string? KeyFile { get; }

    public bool Generated { get; }

    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _key);
}
