using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Text;
using Mam.Catalog.Entities.Review;

namespace Mam.Workers.Notifications;

/// <summary>The digest as a mail: a plain-text part and an HTML part, every name and text from the
/// catalog HTML-encoded (a name can be "&lt;script&gt;").</summary>
public static class DigestMail
{
    public static MailMessage Compose(string from, string to, string name, IReadOnlyList<ProjectEvent> events, int more, IReadOnlyDictionary<Guid, string> projects, Uri? publicUrl, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(projects);
        var subject = string.Create(CultureInfo.InvariantCulture, $"MAM daily digest: {events.Count + more} event(s) in {events.Select(e => e.ProjectId).Distinct().Count()} project(s)");
        var text = new StringBuilder();
        var html = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Hello {name},\n\nWhat happened in the projects you follow, up to {now:yyyy-MM-dd HH:mm} UTC:\n");
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html><body><p>Hello {WebUtility.HtmlEncode(name)},</p><p>What happened in the projects you follow, up to {now:yyyy-MM-dd HH:mm} UTC:</p>");
        foreach (var project in events.GroupBy(e => e.ProjectId))
        {
            var title = projects.TryGetValue(project.Key, out var p) ? p : "?";
            text.Append(CultureInfo.InvariantCulture, $"\n{title}\n");
            html.Append(CultureInfo.InvariantCulture, $"<h2>{WebUtility.HtmlEncode(title)}</h2><ul>");
            foreach (var e in project)
            {
                var link = publicUrl is not null && ClipLink(e) is { } path ? new Uri(publicUrl, path).AbsoluteUri : null;
                text.Append(CultureInfo.InvariantCulture, $"- {e.At:MM-dd HH:mm} {e.Text}{(link is null ? "" : " " + link)}\n");
                html.Append(CultureInfo.InvariantCulture, $"<li>{e.At:MM-dd HH:mm} {WebUtility.HtmlEncode(e.Text)}");
                if (link is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $" <a href=\"{WebUtility.HtmlEncode(link)}\">open</a>");
                }
                html.Append("</li>");
            }
            html.Append("</ul>");
        }
        if (more > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {more} more: see the notification tray.\n");
            html.Append(CultureInfo.InvariantCulture, $"<p>…and {more} more: see the notification tray.</p>");
        }
        text.Append("\nYou get this because you follow these projects; unfollow one in the MAM (DELETE /api/projects/{project}/follow).\n");
        html.Append("<p>You get this because you follow these projects.</p></body></html>");
        var message = new MailMessage(new MailAddress(from), new MailAddress(to)) { Subject = subject, SubjectEncoding = Encoding.UTF8, BodyEncoding = Encoding.UTF8, Body = text.ToString() };
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html.ToString(), Encoding.UTF8, "text/html"));
        return message;
    }

    private static string? ClipLink(ProjectEvent e) => e.AssetId is not { } asset ? null
        : e.Position is { } t ? string.Create(CultureInfo.InvariantCulture, $"/clips/{asset}?t={Math.Round(t, 3)}")
        : $"/clips/{asset}";
}
