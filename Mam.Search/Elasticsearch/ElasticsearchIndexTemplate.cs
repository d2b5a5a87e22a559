using System.Text.Json.Nodes;

namespace Mam.Search.Elasticsearch;

/// <summary>The index template: one document per clip, its segments as nested documents so a boolean
/// query is evaluated segment by segment (like one FTS5 row) and inner_hits return every matching
/// timecode with its own highlight. The index is created from it on first use; changing the layout
/// needs a new index and a re-index (docs/search.md).</summary>
public static class ElasticsearchIndexTemplate
{
    /// <summary>Stored in the template's _meta; raise it when the mapping changes.</summary>
    public const int Layout = 1;

    public static string NameFor(string index) => index + "-template";

    // Analysers (https://www.elastic.co/docs/reference/text-analysis):
    // - dialogue: what was said or read. English stemming (possessive first, so "harbour's" → "harbour"),
    //   folding (café = cafe) and no stop words, so "to be or not to be" stays a phrase.
    // - dialogue_plain: the same words unstemmed, for prefixes ("runn*" must find "running", which the
    //   stemmer has already turned into "run") and their highlight.
    // - dialogue_shingles: adjacent word pairs and triples; a should clause on it ranks segments where
    //   the typed words stand together above segments where they are scattered. (index_phrases would be
    //   the built-in way, but highlighting of phrase queries on such fields is broken, elastic/elasticsearch#40227.)
    // - identifier: clip names, cards and paths split on anything but letters and digits, so A001_C007
    //   finds A001_C007_0412.mov as in FTS5 (the standard tokenizer keeps a001_c007_0412 as one token).
    public static JsonObject Build(string index) => new()
    {
        ["index_patterns"] = new JsonArray(index),
        ["priority"] = 200,
        ["_meta"] = new JsonObject { ["description"] = "MAM clips with time-coded segments", ["layout"] = Layout },
        ["template"] = new JsonObject
        {
            ["settings"] = JsonNode.Parse("""
                {
                  "index.mapping.nested_objects.limit": 50000,
                  "analysis": {
                    "filter": {
                      "english_possessive": { "type": "stemmer", "language": "possessive_english" },
                      "english_stemmer": { "type": "stemmer", "language": "english" },
                      "word_pairs": { "type": "shingle", "min_shingle_size": 2, "max_shingle_size": 3, "output_unigrams": false }
                    },
                    "tokenizer": {
                      "identifier_parts": { "type": "pattern", "pattern": "[^\\p{L}\\p{N}]+" }
                    },
                    "analyzer": {
                      "dialogue": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding", "english_possessive", "english_stemmer"] },
                      "dialogue_plain": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"] },
                      "dialogue_shingles": { "type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding", "english_possessive", "english_stemmer", "word_pairs"] },
                      "identifier": { "type": "custom", "tokenizer": "identifier_parts", "filter": ["lowercase", "asciifolding"] }
                    }
                  }
                }
                """),
            ["mappings"] = JsonNode.Parse("""
                {
                  "dynamic": "strict",
                  "properties": {
                    "assetId": { "type": "keyword" },
                    "project": { "type": "keyword" },
                    "card": { "type": "keyword", "fields": { "text": { "type": "text", "analyzer": "identifier" } } },
                    "clipName": { "type": "keyword", "fields": { "text": { "type": "text", "analyzer": "identifier" } } },
                    "metadata": { "type": "text", "analyzer": "identifier" },
                    "camera": { "type": "keyword" },
                    "recordedAt": { "type": "date" },
                    "codec": { "type": "keyword" },
                    "resolution": { "type": "keyword" },
                    "tags": { "type": "keyword" },
                    "hasFaces": { "type": "boolean" },
                    "qcStatus": { "type": "keyword" },
                    "segments": {
                      "type": "nested",
                      "properties": {
                        "start": { "type": "double" },
                        "end": { "type": "double" },
                        "source": { "type": "keyword" },
                        "confidence": { "type": "float" },
                        "text": {
                          "type": "text",
                          "analyzer": "dialogue",
                          "fields": {
                            "plain": { "type": "text", "analyzer": "dialogue_plain" },
                            "shingles": { "type": "text", "analyzer": "dialogue_shingles" }
                          }
                        }
                      }
                    }
                  }
                }
                """),
        },
    };
}
