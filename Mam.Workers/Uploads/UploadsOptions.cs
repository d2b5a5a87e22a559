using System.ComponentModel.DataAnnotations;

namespace Mam.Workers.Uploads;

/// <summary>Section "Uploads": resumable uploads of originals (POST /api/uploads).</summary>
public sealed class UploadsOptions
{
    public const string Section = "Uploads";

    /// <summary>An open upload nobody used for this long (no open, view or part through the API) is
    /// abandoned: it is expired and its staged parts are removed. An agent that comes back later opens a
    /// new session and sends the file again.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan ExpireAfter { get; set; } = TimeSpan.FromDays(7);
}
