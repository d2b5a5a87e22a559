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
}
