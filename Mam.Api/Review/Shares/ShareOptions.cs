using System.ComponentModel.DataAnnotations;

namespace Mam.Api.Review.Shares;

/// <summary>Section "Shares": how long share links live, and how many wrong passwords they take.</summary>
public sealed class ShareOptions : IValidatableObject
{
    public const string Section = "Shares";

    /// <summary>A link made without expiresAt expires after this (every link expires).</summary>
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The longest a link may live: unreleased footage outside the company is not shared for ever.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Wrong passwords one link takes within <see cref="PasswordLockout"/>, from any address, before it waits.</summary>
    public int PasswordAttemptsPerLink { get; set; } = 5;

    public TimeSpan PasswordLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong share passwords one address may send a minute, over every link.</summary>
    public int PasswordAttemptsPerAddress { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxLifetime < TimeSpan.FromHours(1) || MaxLifetime > TimeSpan.FromDays(366))
        {
            yield return new ValidationResult($"{Section}:{nameof(MaxLifetime)} must be from 1 hour to 366 days.", [nameof(MaxLifetime)]);
        }
        if (DefaultLifetime < TimeSpan.FromMinutes(5) || DefaultLifetime > MaxLifetime)
        {
            yield return new ValidationResult($"{Section}:{nameof(DefaultLifetime)} must be at least 5 minutes and at most {Section}:{nameof(MaxLifetime)}.", [nameof(DefaultLifetime)]);
        }
        if (PasswordAttemptsPerLink is < 1 or > 1000 || PasswordAttemptsPerAddress is < 1 or > 1000)
        {
            yield return new ValidationResult($"{Section}:{nameof(PasswordAttemptsPerLink)} and {nameof(PasswordAttemptsPerAddress)} must be from 1 to 1,000.", [nameof(PasswordAttemptsPerLink)]);
        }
        if (PasswordLockout < TimeSpan.FromSeconds(1) || PasswordLockout > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult($"{Section}:{nameof(PasswordLockout)} must be from 1 second to 1 day.", [nameof(PasswordLockout)]);
        }
    }
}
