using System.Diagnostics;
using System.Xml;
using System.Xml.Schema;

namespace Mam.Tests.Integrity;

/// <summary>Runs the real command-line tools the tests compare against (xxhsum, xmllint).</summary>
public static class ExternalTool
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>What <c>xxhsum -H64 FILE</c> prints as the hash.</summary>
    public static async Task<string> XxhsumAsync(string path)
    {
        var (exitCode, output, error) = await RunAsync("xxhsum", ["-H64", path]);
        exitCode.ShouldBe(0, error);
        return output.Split(' ', 2)[0].TrimStart('\\');
    }

    /// <summary>Validates with libxml2's xmllint; returns its complaint, or null when valid.</summary>
    public static async Task<string?> XmllintSchemaErrorsAsync(string xsdPath, string xmlPath)
    {
        var (exitCode, _, error) = await RunAsync("xmllint", ["--noout", "--schema", xsdPath, xmlPath]);
        return exitCode == 0 ? null : error;
    }
}

/// <summary>The ASC MHL schemas and examples copied into TestData/ascmhl (MIT, see its LICENSE.md).</summary>
public static class AscMhlTestData
{
    public static string Folder => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "ascmhl");

    public static string MhlSchema => Path.Combine(Folder, "ASCMHL.xsd");

    public static string DirectorySchema => Path.Combine(Folder, "ASCMHLDirectory.xsd");

    public static string Scenario(params string[] parts) => Path.Combine([Folder, "examples", "scenarios", .. parts]);

    /// <summary>System.Xml.Schema validation against both ASC MHL schemas; returns every error.</summary>
    public static IReadOnlyList<string> SchemaErrors(string xmlPath)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.Add("urn:ASC:MHL:v2.0", MhlSchema);
        schemas.Add("urn:ASC:MHL:DIRECTORY:v2.0", DirectorySchema);
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(xmlPath, settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
