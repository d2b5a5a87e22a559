using System.Diagnostics;

namespace Mam.Tests.Api.Review;

/// <summary>A certificate PDF's text as a person reading it sees it: poppler's pdftotext (Debian's
/// poppler-utils), the program the tests trust to read a PDF rather than our own writer.</summary>
internal static class PdfText
{
    public static async Task<string> ReadAsync(byte[] pdf, string folder)
    {
        var file = Path.Combine(folder, $"{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        var start = new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await stderr);
        return await stdout;
    }

    /// <summary>Lines joined back with spaces (a long sentence wraps in the PDF).</summary>
    public static string Flat(string text) => string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>What a reader copies out of the PDF to check it offline: the JWS (printed between the
    /// command and the key, cut into lines) and the public key, as the files README's check reads.
    /// The key's body is taken as its base64 letters: pdftotext joins a line ending in a dash to the
    /// next as if it were a hyphenated word, so "-----BEGIN PUBLIC KEY-----" loses a dash to the body.</summary>
    public static (string Certificate, string KeyPem) CertificateAndKey(string text)
    {
        const string command = "bash infra/verify-approval.sh approval.jws signing-key.pem";
        var afterCommand = text.IndexOf(command, StringComparison.Ordinal) + command.Length;
        var keyLabel = text.IndexOf("Signing key ", afterCommand, StringComparison.Ordinal);
        var certificate = string.Concat(text[afterCommand..keyLabel].Where(c => !char.IsWhiteSpace(c)));
        var keyStart = text.IndexOf("BEGIN PUBLIC KEY", keyLabel, StringComparison.Ordinal) + "BEGIN PUBLIC KEY".Length;
        var body = string.Concat(text[keyStart..text.IndexOf("END PUBLIC KEY", keyStart, StringComparison.Ordinal)].Where(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='));
        var lines = body.Chunk(64).Select(line => new string(line));
        return (certificate, string.Join('\n', ["-----BEGIN PUBLIC KEY-----", .. lines, "-----END PUBLIC KEY-----"]) + "\n");
    }
}
