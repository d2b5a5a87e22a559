namespace Mam.Search.Text;

/// <summary>Normalises text before it is stored: control characters (other than tab and line breaks)
/// become spaces. They carry no meaning in transcripts or metadata, and removing them guarantees the
/// snippet markers cannot be forged by content.</summary>
internal static class IndexedText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsControl(c) && c is not ('\t' or '\n' or '\r') ? ' ' : c;
            }
        });
    }
}
