using System.Net;
using System.Net.Mail;
using Mam.Catalog;
using Mam.Catalog.Entities.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mam.Workers.Notifications;

/// <summary>Mails each person with an address a summary of their followed projects' events since their
/// last digest (a first digest: the last day). What was sent is recorded per person (<see cref="DigestSent"/>)
/// before the next person's, so a run that is repeated or cut short sends nothing twice.</summary>
public sealed class DailyDigest(
    IDbContextFactory<CatalogDbContext> catalog, IOptions<DigestOptions> options, IOptions<SmtpOptions> smtp, TimeProvider clock, ILogger<DailyDigest> logger)
{
    /// <returns>How many digests were mailed.</returns>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        if (!smtp.Value.Enabled)
        {
            logger.LogDebug("No Smtp:Host: daily digests are off");
            return 0;
        }
        List<(Guid Id, string Name, string Email)> people;
        await using (var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            people = (await db.Users.AsNoTracking().Where(p => p.Email != null && p.Email != "").Select(p => new { p.Id, p.DisplayName, p.Email }).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(p => (p.Id, p.DisplayName, p.Email!)).ToList();
        }
        var sent = 0;
        foreach (var person in people)
        {
            if (await SendOneAsync(person.Id, person.Name, person.Email, cancellationToken).ConfigureAwait(false))
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> SendOneAsync(Guid personId, string name, string email, CancellationToken cancellationToken)
    {
        await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var last = await db.DigestsSent.AsNoTracking().Where(d => d.PersonId == personId).MaxAsync(d => (long?)d.ThroughEvent, cancellationToken).ConfigureAwait(false);
        var projects = await Follows.FollowedAsync(db, personId, null, cancellationToken).ConfigureAwait(false);
        if (projects.Count == 0)
        {
            return false;
        }
        var events = Follows.EventsFor(db, personId, name, projects.Keys, last ?? 0);
        if (last is null)
        {
            var since = now.AddDays(-1);
            events = events.Where(e => e.At >= since);
        }
        var found = await events.OrderBy(e => e.Id).Take(options.Value.MaxEvents + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return false;
        }
        var listed = found.Take(options.Value.MaxEvents).ToList();
        var more = found.Count > listed.Count ? await events.CountAsync(cancellationToken).ConfigureAwait(false) - listed.Count : 0;
        using var message = DigestMail.Compose(smtp.Value.From!, email, name, listed, more, projects, options.Value.PublicUrl, now);
        // Recorded first, in the same breath as the send: a crash between the two loses one digest
        // rather than mailing it twice (a digest is a summary; the tray still has every event).
        var record = new DigestSent
        {
            Id = Guid.NewGuid(), PersonId = personId, AfterEvent = last ?? 0, ThroughEvent = listed[^1].Id, Events = listed.Count + more, To = email, SentAt = now,
        };
        db.DigestsSent.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var client = Client();
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpException e)
        {
            // Not sent: take the record back so the next run includes these events.
            db.DigestsSent.Remove(record);
            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            logger.LogWarning(e, "The daily digest to {Email} could not be sent; the next run tries again", email);
            return false;
        }
        logger.LogInformation("Daily digest of {Count} event(s) mailed to {Email}", record.Events, email);
        return true;
    }

    private SmtpClient Client()
    {
        var settings = smtp.Value;
        var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = (int)settings.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }
        return client;
    }
}
