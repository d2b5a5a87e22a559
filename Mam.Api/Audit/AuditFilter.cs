using System.Globalization;
using Mam.Api.Search;
using Mam.Catalog.Entities;
using Mam.Search;
using Mam.Workers.Audit;

namespace Mam.Api.Audit;

/// <summary>The audit trail's filters, for GET /api/audit and /api/audit.csv alike; all optional, combined with AND.</summary>
public sealed class AuditFilter
{
    /// <summary>The project's name.</summary>
    public string? Project { get; set; }

    /// <summary>A person's id, user name (what they sign in with) or name as the trail records them
    /// ("anonymous" for those not signed in).</summary>
    public string? Person { get; set; }

    /// <summary>The id of the person whose user name <see cref="Person"/> is, looked up by the endpoint.</summary>
    internal string? PersonId { get; set; }

    /// <summary>A clip's asset id.</summary>
    public string? Asset { get; set; }

    /// <summary>ISO date (the whole UTC day) or date and time; from is inclusive, to includes its day or instant.</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>One of the actions (sign-in, search, view-clip, watch, stream, download, export…).</summary>
    public string? Action { get; set; }

    /// <summary>ok, refused or failed.</summary>
    public string? Result { get; set; }

    /// <summary>The rows that pass, newest first (ties: latest recorded first).</summary>
    /// <exception cref="ArgumentException">A value that cannot mean anything; the message names the parameter.</exception>
    public IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!string.IsNullOrWhiteSpace(Project))
        {
            var project = Project.Trim();
            events = events.Where(e => e.Project == project);
        }
        if (!string.IsNullOrWhiteSpace(Person))
        {
            var person = Person.Trim();
            var id = PersonId ?? person;
            events = events.Where(e => e.ActorId == person || e.ActorName == person || e.ActorId == id);
        }
        if (!string.IsNullOrWhiteSpace(Asset))
        {
            var asset = Guid.TryParse(Asset, out var id) ? id : throw new ArgumentException($"'asset' must be an asset id (a GUID), not '{Asset}'.");
            events = events.Where(e => e.AssetId == asset);
        }
        var (from, to) = Period();
        if (from is { } start)
        {
            events = events.Where(e => e.At >= start);
        }
        if (to is { } end)
        {
            events = events.Where(e => e.At < end);
        }
        if (!string.IsNullOrWhiteSpace(Action))
        {
            var action = Action.Trim();
            events = AuditActions.All.Contains(action)
                ? events.Where(e => e.Action == action)
                : throw new ArgumentException($"'action' must be one of {string.Join(", ", AuditActions.All.Order(StringComparer.Ordinal))}.");
        }
        if (!string.IsNullOrWhiteSpace(Result))
        {
            var result = Result.Trim();
            events = AuditResults.All.Contains(result)
                ? events.Where(e => e.Result == result)
                : throw new ArgumentException($"'result' must be one of {string.Join(", ", AuditResults.InOrder)}.");
        }
        return events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
    }

    /// <summary>Dates read as search reads them: a date is the whole UTC day.</summary>
    private (DateTime? From, DateTime? To) Period()
    {
        try
        {
            var filter = SearchParameters.Filter(null, null, null, From, To, null, null, null, null, null);
            return (filter.RecordedFrom, filter.RecordedBefore);
        }
        catch (SearchQueryException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    /// <summary>The filters as a query string, for the link to the next page.</summary>
    public string ToQuery() => string.Join("&", new (string Name, string? Value)[]
        {
            ("project", Project), ("person", Person), ("asset", Asset), ("from", From), ("to", To), ("action", Action), ("result", Result),
        }
        .Where(p => !string.IsNullOrWhiteSpace(p.Value))
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={Uri.EscapeDataString(p.Value!)}")));
}
