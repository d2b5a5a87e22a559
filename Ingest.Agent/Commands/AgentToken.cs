namespace Ingest.Agent.Commands;

/// <summary>Where the agent finds its access token: --token, $MAM_TOKEN, --token-file, then the
/// per-user config file. A file is the way to keep the token out of shell history and `ps`.</summary>
internal static class AgentToken
{
    public const string DefaultFileDescription = "~/.config/mam/token";

    public static string DefaultFile =>
        Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } config
            ? config
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "mam", "token");

    /// <param name="unreadable">A named file could not be read (already reported).</param>
    public static string? Find(string? option, string? file, TextWriter errors, out bool unreadable)
    {
        unreadable = false;
        var token = option ?? Environment.GetEnvironmentVariable(OffloadCommand.TokenVariable);
        if (!string.IsNullOrWhiteSpace(token))
        {
            return token.Trim();
        }
        var path = file ?? (File.Exists(DefaultFile) ? DefaultFile : null);
        if (path is null)
        {
            return null;
        }
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Cannot read the token file {path}: {ex.Message}");
            unreadable = true;
            return null;
        }
    }
}
