namespace Mam.Search.Sqlite.Clips;

/// <summary>The distinct values of one filter field, each under a small integer code (0: not set).
/// Values are only added: a code a clip no longer uses just counts nothing.</summary>
internal sealed class FieldValues
{
    public const int None = 0;

    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string?> _values = [null];

    public int Count => _values.Count;

    public int CodeOf(string? value)
    {
        if (value is null)
        {
            return None;
        }

        if (!_codes.TryGetValue(value, out var code))
        {
            code = _values.Count;
            _codes.Add(value, code);
            _values.Add(value);
        }

        return code;
    }

    /// <returns>False when no clip was ever indexed with that value: a filter on it matches nothing.</returns>
    public bool TryFind(string value, out int code) => _codes.TryGetValue(value, out code);

    public string? ValueOf(int code) => _values[code];
}
