using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;
using System.Xml;
using Mam.Api.Audit;
using Mam.Api.Problems;
using Mam.Api.Security.Access;
using Mam.Catalog;
using Mam.Catalog.Entities.Archive;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mam.Api.Archive;

/// <summary>A project's fixity checks for a preservation system or a spreadsheet: CSV, or PREMIS 3
/// "fixity check" events (eventType, eventDateTime, the algorithm and digests as detail, pass/fail as
/// outcome, the checking tool as linking agent, the card file as linking object). Streamed, oldest first.</summary>
internal static class FixityExport
{
    private const string Premis = "http://www.loc.gov/premis/v3";

    private sealed record Row(long Id, DateTime At, FixityOutcome Outcome, string Algorithm, string Expected, string? Actual, string Agent,
        string? Note, CopyKind Kind, string Location, string Key, string Card, string Path);

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportAsync(
        string project, HttpContext http, ProjectGuard guard, IDbContextFactory<CatalogDbContext> catalog, CancellationToken cancellationToken, string format = "csv")
    {
        if (await guard.CheckByNameAsync(project, Right.Read, mayCreate: false, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }
        if (format is not ("csv" or "premis"))
        {
            return ApiProblems.Invalid("format must be csv or premis.");
        }
        http.Audit()?.Project = project;
        http.Audit()?.Detail = $"fixity checks ({format})";
        var csv = format == "csv";
        var name = $"fixity-{project}.{(csv ? "csv" : "xml")}";
        return TypedResults.Stream(async body =>
        {
            var token = http.RequestAborted;
            await using var db = await catalog.CreateDbContextAsync(token).ConfigureAwait(false);
            var rows = db.FixityChecks.AsNoTracking()
                .Where(c => c.FileCopy!.CardFile!.Card!.Project!.Name == project)
                .OrderBy(c => c.Id)
                .Select(c => new Row(c.Id, c.At, c.Outcome, c.Algorithm, c.Expected, c.Actual, c.Agent, c.Note,
                    c.FileCopy!.Kind, c.FileCopy.Location, c.FileCopy.Key, c.FileCopy.CardFile!.Card!.Name, c.FileCopy.CardFile.RelativePath))
                .AsAsyncEnumerable().WithCancellation(token).ConfigureAwait(false);
            if (csv)
            {
                await WriteCsvAsync(body, rows).ConfigureAwait(false);
            }
            else
            {
                await WritePremisAsync(body, rows).ConfigureAwait(false);
            }
        }, csv ? "text/csv; charset=utf-8" : "application/xml; charset=utf-8", name);
    }

    private static string Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task WriteCsvAsync(Stream body, ConfiguredCancelableAsyncEnumerable<Row> rows)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024);
        await writer.WriteAsync("time_utc,card,path,copy_kind,location,key,outcome,algorithm,expected,actual,agent,note\r\n").ConfigureAwait(false);
        await foreach (var r in rows)
        {
            string?[] cells = [Utc(r.At), r.Card, r.Path, CopiesEndpoints.Word(r.Kind), r.Location, r.Key, r.Outcome.ToString().ToLowerInvariant(), r.Algorithm, r.Expected, r.Actual, r.Agent, r.Note];
            await writer.WriteAsync(string.Join(',', cells.Select(AuditCsv.Cell)) + "\r\n").ConfigureAwait(false);
        }
    }

    private static async Task WritePremisAsync(Stream body, ConfiguredCancelableAsyncEnumerable<Row> rows)
    {
        await using var xml = XmlWriter.Create(body, new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) });
        await xml.WriteStartDocumentAsync().ConfigureAwait(false);
        await xml.WriteStartElementAsync(null, "premis", Premis).ConfigureAwait(false);
        await xml.WriteAttributeStringAsync(null, "version", null, "3.0").ConfigureAwait(false);
        await foreach (var r in rows)
        {
            await xml.WriteStartElementAsync(null, "event", Premis).ConfigureAwait(false);
            await IdentifierAsync(xml, "eventIdentifier", "local", r.Id.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await xml.WriteElementStringAsync(null, "eventType", Premis, "fixity check").ConfigureAwait(false);
            await xml.WriteElementStringAsync(null, "eventDateTime", Premis, Utc(r.At)).ConfigureAwait(false);
            await xml.WriteStartElementAsync(null, "eventDetailInformation", Premis).ConfigureAwait(false);
            await xml.WriteElementStringAsync(null, "eventDetail", Premis,
                $"{r.Algorithm} of {CopiesEndpoints.Word(r.Kind)} copy {r.Location}:{r.Key}: expected {r.Expected} (on set), actual {r.Actual ?? "none (not found)"}").ConfigureAwait(false);
            await xml.WriteEndElementAsync().ConfigureAwait(false);
            await xml.WriteStartElementAsync(null, "eventOutcomeInformation", Premis).ConfigureAwait(false);
            await xml.WriteElementStringAsync(null, "eventOutcome", Premis, r.Outcome == FixityOutcome.Intact ? "pass" : "fail").ConfigureAwait(false);
            await xml.WriteStartElementAsync(null, "eventOutcomeDetail", Premis).ConfigureAwait(false);
            await xml.WriteElementStringAsync(null, "eventOutcomeDetailNote", Premis,
                r.Outcome.ToString().ToLowerInvariant() + (r.Note is null ? "" : "; " + r.Note)).ConfigureAwait(false);
            await xml.WriteEndElementAsync().ConfigureAwait(false);
            await xml.WriteEndElementAsync().ConfigureAwait(false);
            await IdentifierAsync(xml, "linkingAgentIdentifier", "software", r.Agent).ConfigureAwait(false);
            await IdentifierAsync(xml, "linkingObjectIdentifier", "local", $"{r.Card}/{r.Path}").ConfigureAwait(false);
            await xml.WriteEndElementAsync().ConfigureAwait(false);
        }
        await xml.WriteEndElementAsync().ConfigureAwait(false);
        await xml.WriteEndDocumentAsync().ConfigureAwait(false);
    }

    /// <summary>PREMIS identifiers are a type and a value, under an element named for what they identify.</summary>
    private static async Task IdentifierAsync(XmlWriter xml, string element, string type, string value)
    {
        var prefix = element.Replace("Identifier", "", StringComparison.Ordinal);
        await xml.WriteStartElementAsync(null, element, Premis).ConfigureAwait(false);
        await xml.WriteElementStringAsync(null, prefix + "IdentifierType", Premis, type).ConfigureAwait(false);
        await xml.WriteElementStringAsync(null, prefix + "IdentifierValue", Premis, value).ConfigureAwait(false);
        await xml.WriteEndElementAsync().ConfigureAwait(false);
    }
}
