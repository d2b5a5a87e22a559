using Mam.Core.Media.Processes;
using Microsoft.Extensions.Options;

namespace Mam.Core.Media.Analysis.Text;

/// <summary>On-screen text with tesseract in sparse-text mode (--psm 11): slates, lower thirds and
/// supers are scattered blocks, which the default page mode (columns of paragraphs) mostly misses.</summary>
public sealed class TesseractReader
{
    public const string Source = "tesseract";

    private readonly ProcessRunner _runner;
    private readonly MediaToolsOptions _tools;
    private readonly AnalysisOptions _options;

    public TesseractReader(ProcessRunner runner, IOptions<MediaToolsOptions> tools, IOptions<AnalysisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _tools = tools.Value;
        _options = options.Value;
    }

    public async Task<OcrPage> ReadAsync(string imagePath, CancellationToken cancellationToken)
    {
        var result = await _runner.RunAsync(_options.TesseractPath,
            [Path.GetFullPath(imagePath), "stdout", "--psm", "11", "-l", _options.OcrLanguage, "tsv"],
            _tools.StageTimeout, cancellationToken).ConfigureAwait(false);
        return TesseractTsv.Parse(result.StandardOutput, _options.OcrMinConfidence);
    }
}
