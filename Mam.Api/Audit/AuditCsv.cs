using System.Globalization;
using System.Text;
using Mam.Catalog.Entities;

namespace Mam.Api.Audit;

/// <summary>The audit trail as CSV (RFC 4180) for a spreadsheet or a security review: a header row,
/// then a row per event, times in UTC (ISO 8601).</summary>
internal static class AuditCsv
{
    public const string Header = "time_utc,actor_id,actor_name,client_address,action,project,asset_id,detail,result,status,bytes,seconds";

    public static string Row(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var row = new StringBuilder();
        string?[] cells =
        [
            DateTime.SpecifyKind(e.At, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            e.ActorId, e.ActorName, e.ClientAddress, e.Action, e.Project, e.AssetId?.ToString(), e.Detail, e.Result,
            e.Status?.ToString(CultureInfo.InvariantCulture), e.Bytes?.ToString(CultureInfo.InvariantCulture),
            e.Seconds?.ToString("0.#", CultureInfo.InvariantCulture),
        ];
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                row.Append(',');
            }
            row.Append(Cell(cells[i]));
        }
        return row.ToString();
    }

    /// <summary>Quoted when it holds a comma, quote or line break. Text a person typed (a search, a name)
    /// that a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe, as OWASP's
    /// "CSV injection" advice says; the trail itself keeps what was typed.</summary>
    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
