using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mam.Api.Problems;

/// <summary>What was wrong with a request, in the words of the JSON or URL the client sent — never the
/// server's type names (the framework's own messages say "could not be converted to
/// Mam.Contracts.Cards.RegisterCardRequest", which tells a client nothing and a prober too much).</summary>
public static partial class RequestWording
{
    /// <summary>A JSON body that did not read: where, and whether it was the syntax or a value's type.</summary>
    public static string Json(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } column
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, character {column + 1})")
            : "";
        var path = exception.Path is null or "$" ? null : exception.Path.StartsWith("$.", StringComparison.Ordinal) ? exception.Path[2..] : exception.Path;
        // The converters' messages all start so; a syntax error comes from the reader instead.
        var wrongType = exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
        return (wrongType, path) switch
        {
            (true, null) => $"the body must be a JSON object{where}.",
            (true, _) => $"the value of '{path}' has the wrong type{where}.",
            (false, null) => $"it is not valid JSON{where}.",
            (false, _) => $"it is not valid JSON at '{path}'{where}.",
        };
    }

    /// <summary>A request minimal API binding refused (<see cref="BadHttpRequestException"/>): the parameter
    /// by its name in the URL or body, the value as sent.</summary>
    public static string Binding(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.InnerException is JsonException json)
        {
            return "The body is not valid for this request: " + Json(json);
        }
        if (FailedToBind().Match(exception.Message) is { Success: true } bind)
        {
            return $"'{bind.Groups["value"].Value}' is not a valid value for '{bind.Groups["name"].Value}'.";
        }
        if (Required().Match(exception.Message) is { Success: true } required)
        {
            return required.Groups["source"].Value == "body" ? "The request needs a JSON body." : $"'{required.Groups["name"].Value}' is required.";
        }
        return exception.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON (Content-Type: application/json).",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            _ when exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) => "The request needs a JSON body.",
            _ => "The request could not be read.",
        };
    }

    /// <summary>Fills in the detail of the framework's own bare answers (no route, wrong method, not JSON), so
    /// every problem says what to do. Problems the endpoints wrote keep theirs.</summary>
    public static void FillDetail(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => "There is nothing at this address.",
            StatusCodes.Status405MethodNotAllowed => "This address does not take that method; the OpenAPI document at /openapi/v1.json lists what it takes.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON (Content-Type: application/json).",
            _ => null,
        };
    }

    // Failed to bind parameter "Guid id" from "abc".
    [GeneratedRegex("^Failed to bind parameter \"\\S+ (?<name>\\w+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    // Required parameter "StartUploadRequest request" was not provided from body.
    [GeneratedRegex("^Required parameter \"\\S+ (?<name>\\w+)\" was not provided from (?<source>[\\w ]+?)\\.$", RegexOptions.Singleline)]
    private static partial Regex Required();
}
