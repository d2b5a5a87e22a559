using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mam.Tests.Search.Elasticsearch;

internal static class JsonShould
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Same JSON value (property order ignored, numbers compared as written).</summary>
    public static void BeJson(this JsonNode? actual, string expected)
    {
        var wanted = JsonNode.Parse(expected);
        if (!JsonNode.DeepEquals(actual, wanted))
        {
            Assert.Fail($"JSON differs.\nExpected:\n{wanted?.ToJsonString(Indented)}\nActual:\n{actual?.ToJsonString(Indented)}");
        }
    }
}
