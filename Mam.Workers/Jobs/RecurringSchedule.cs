using System.Globalization;

namespace Mam.Workers.Jobs;

/// <summary>Turns "every N" settings (e.g. Pipeline:ReconcileInterval) into the cron expressions
/// Hangfire schedules by. Cron counts from the top of the minute, hour or day, so only intervals
/// that divide one of those evenly run at a steady pace.</summary>
public static partial class RecurringSchedule
{
    public static bool TryEvery(TimeSpan interval, out string cron)
    {
        cron = "";
        if (interval <= TimeSpan.Zero || interval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return false;
        }
        var seconds = (long)interval.TotalSeconds;
        cron = seconds switch
        {
            < 60 when 60 % seconds == 0 => Invariant($"*/{seconds} * * * * *"),
            < 3600 when seconds % 60 == 0 && 60 % (seconds / 60) == 0 => Invariant($"0 */{seconds / 60} * * * *"),
            < 86400 when seconds % 3600 == 0 && 24 % (seconds / 3600) == 0 => Invariant($"0 0 */{seconds / 3600} * * *"),
            86400 => "0 0 0 * * *",
            _ => "",
        };
        return cron.Length > 0;
    }

    /// <exception cref="ArgumentOutOfRangeException">The interval does not divide a minute, hour or day.</exception>
    public static string Every(TimeSpan interval) => TryEvery(interval, out var cron)
        ? cron
        : throw new ArgumentOutOfRangeException(nameof(interval), interval, Explain(interval));

    public static string Explain(TimeSpan interval) => Invariant(
        $"{interval:c} does not divide a minute, an hour or a day evenly; choose e.g. 00:00:15, 00:00:30, 00:05:00 or 01:00:00.");

    /// <summary>Whether it has the shape of a cron expression Hangfire schedules by: 5 fields, or 6
    /// with seconds, of digits, names and * , - / ? L W #. (Hangfire's own parser is internal; a wrong
    /// value inside a field is refused by Hangfire when the server registers the job.)</summary>
    public static bool IsValid(string? cron) =>
        cron is not null && CronShape().IsMatch(cron.Trim());

    [System.Text.RegularExpressions.GeneratedRegex(@"^[0-9A-Za-z*,/?#-]+( +[0-9A-Za-z*,/?#-]+){4,5}$")]
    private static partial System.Text.RegularExpressions.Regex CronShape();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
