using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net.Mail;

namespace Mam.Workers.Notifications;

/// <summary>Section "Digest": when the daily digest of the followed projects' events goes out.</summary>
public sealed class DigestOptions : IValidatableObject
{
    public const string Section = "Digest";

    /// <summary>The time of day (UTC, HH:mm) the digest is mailed.</summary>
    [Required]
    public string At { get; set; } = "07:00";

    /// <summary>The address the pages are at, for the links in the mail (e.g. https://mam.example); none: no links.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>The most events one digest lists (the rest are counted).</summary>
    [Range(10, 10_000)]
    public int MaxEvents { get; set; } = 200;

    public static bool TryParseAt(string? at, out TimeOnly time) =>
        TimeOnly.TryParseExact(at, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The cron line for Hangfire: every day at <see cref="At"/>.</summary>
    public string Cron() => TryParseAt(At, out var t) ? string.Create(CultureInfo.InvariantCulture, $"{t.Minute} {t.Hour} * * *") : "0 7 * * *";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TryParseAt(At, out _))
        {
            yield return new ValidationResult($"Digest:At must be a time of day as HH:mm (UTC), e.g. 07:00; it is '{At}'.", [nameof(At)]);
        }
        if (PublicUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Digest:PublicUrl must be an absolute http or https address.", [nameof(PublicUrl)]);
        }
    }
}

/// <summary>Section "Smtp": the mail server digests go through. No Host: no mail is sent (digests are off).</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>STARTTLS (System.Net.Mail upgrades the connection before the login).</summary>
    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. "MAM &lt;mam@example.com&gt;".</summary>
    public string? From { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }
        if (string.IsNullOrWhiteSpace(From) || !MailAddress.TryCreate(From, out _))
        {
            yield return new ValidationResult($"Smtp:From must be a mail address (e.g. MAM <mam@example.com>) when Smtp:Host is set; it is '{From}'.", [nameof(From)]);
        }
        if (string.IsNullOrEmpty(UserName) != string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:UserName and Smtp:Password go together: set both or neither.", [nameof(UserName)]);
        }
    }
}
