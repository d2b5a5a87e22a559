using System.Globalization;
using Mam.Api.Uploads;
using Mam.Catalog;
using Mam.Contracts;
using Mam.Contracts.Cards;
using Mam.Storage;

namespace Mam.Api.Cards;

/// <summary>Checks a card manifest completely before anything is written, and collects every problem
/// so the DIT sees them all at once.</summary>
public static class CardManifestValidator
{
    public const int MaxFiles = 100_000;

    /// <summary>At most a handful of on-set copies per card; more is not a DIT's cart.</summary>
    public const int MaxDestinations = 16;

    private static void CheckDestinations(IReadOnlyList<CardDestination>? destinations, HashSet<string> paths, Action<string, string> add)
    {
        if (destinations is null)
        {
            return;
        }
        if (destinations.Count > MaxDestinations)
        {
            add("destinations", string.Create(CultureInfo.InvariantCulture, $"A card may list at most {MaxDestinations} destinations; this one lists {destinations.Count}."));
            return;
        }
        for (var i = 0; i < destinations.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"destinations[{i}]");
            var d = destinations[i];
            if (string.IsNullOrWhiteSpace(d?.Location))
            {
                add(field + ".location", "A destination needs its location (machine and folder).");
            }
            else if (d.Location.Length > Catalog.Model.CopyLimits.Location)
            {
                add(field + ".location", string.Create(CultureInfo.InvariantCulture, $"A location may be at most {Catalog.Model.CopyLimits.Location} characters."));
            }
            CheckOptional(d?.VerifiedBy, field + ".verifiedBy", Catalog.Model.CopyLimits.Agent, add);
            if (d?.NotVerified?.FirstOrDefault(p => !paths.Contains(p)) is { } stranger)
            {
                add(field + ".notVerified", $"'{stranger}' is not a file of this card.");
            }
        }
    }

    public static Dictionary<string, string[]> Validate(RegisterCardRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            if (list.Count < 5)
            {
                list.Add(message);
            }
        }

        CheckName(request.Project, "project", Add);
        CheckName(request.Name, "name", Add);
        CheckOptional(request.Camera, "camera", Limits.NameLength, Add);
        CheckOptional(request.Roll, "roll", Limits.NameLength, Add);
        CheckOptional(request.Dit, "dit", Limits.NameLength, Add);
        CheckOptional(request.SourceVolume, "sourceVolume", Limits.PathLength, Add);

        var files = request.Files;
        if (files is null || files.Count == 0)
        {
            Add("files", "A card needs at least one file.");
        }
        else if (files.Count > MaxFiles)
        {
            Add("files", string.Create(CultureInfo.InvariantCulture, $"A card may list at most {MaxFiles} files; this one lists {files.Count}."));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < files.Count; i++)
            {
                CheckFile(files[i], i, request, seen, Add);
            }
            CheckFolders(files, seen, Add);
            CheckDestinations(request.Destinations, seen, Add);
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void CheckFile(CardFileManifest? file, int i, RegisterCardRequest request, HashSet<string> seen, Action<string, string> add)
    {
        var field = string.Create(CultureInfo.InvariantCulture, $"files[{i}]");
        if (file is null)
        {
            add(field, "Missing file entry.");
            return;
        }
        try
        {
            ObjectKeys.EnsureValidRelativePath(file.Path ?? "");
        }
        catch (InvalidObjectKeyException ex)
        {
            add(field + ".path", ex.Message);
            return;
        }
        if (!seen.Add(file.Path!))
        {
            add(field + ".path", $"'{file.Path}' is listed twice.");
        }
        if (file.Size is < 0 or > Limits.MaxFileSize)
        {
            add(field + ".size", string.Create(CultureInfo.InvariantCulture, $"Size must be from 0 to {Limits.MaxFileSize} bytes (5 TiB)."));
        }
        if (file.Hashes is null || !file.Hashes.TryGetValue("xxh64", out var xxh64) || !IsHex(xxh64, 16))
        {
            add(field + ".hashes", "An xxh64 hash (16 hexadecimal digits) is required for every file.");
        }
        else if (file.Hashes.Count > 8 || file.Hashes.Any(h => h.Key.Length > 16 || h.Value is null || h.Value.Length > 128))
        {
            add(field + ".hashes", "At most 8 hashes, each a short format name and a value of at most 128 characters.");
        }
        if (file.StorageKey is not null && IsName(request.Project) && IsName(request.Name) &&
            file.StorageKey != ObjectKeys.Original(request.Project!, request.Name!, file.Path!))
        {
            add(field + ".storageKey", $"Expected '{ObjectKeys.Original(request.Project!, request.Name!, file.Path!)}' (originals are keyed by project, card and path).");
        }
    }

    /// <summary>A listed path inside another listed path ('f' and 'f/g'): one name cannot be a file and a folder.</summary>
    private static void CheckFolders(IReadOnlyList<CardFileManifest?> files, HashSet<string> listed, Action<string, string> add)
    {
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i]?.Path is { } path && listed.Contains(path) &&
                PathCollisions.Folders(path).FirstOrDefault(listed.Contains) is { } folder)
            {
                add(string.Create(CultureInfo.InvariantCulture, $"files[{i}].path"),
                    $"'{path}' needs '{folder}' to be a folder, but '{folder}' is listed as a file too; a name on a card is either a file or a folder.");
            }
        }
    }

    public static bool IsHex(string? value, int length) =>
        value is not null && value.Length == length && value.All(Uri.IsHexDigit);

    private static bool IsName(string? value)
    {
        try
        {
            ObjectKeys.EnsureValidName(value ?? "", "name");
            return true;
        }
        catch (InvalidObjectKeyException)
        {
            return false;
        }
    }

    private static void CheckName(string? value, string field, Action<string, string> add)
    {
        try
        {
            ObjectKeys.EnsureValidName(value ?? "", field);
        }
        catch (InvalidObjectKeyException ex)
        {
            add(field, ex.Message);
        }
    }

    private static void CheckOptional(string? value, string field, int max, Action<string, string> add)
    {
        if (value is not null && (value.Length > max || value.Any(char.IsControl)))
        {
            add(field, string.Create(CultureInfo.InvariantCulture, $"At most {max} printable characters."));
        }
    }
}
