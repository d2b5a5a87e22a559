using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;

namespace Mam.Search.Elasticsearch;

/// <summary>The index template: one document per clip, its segments as nested documents so a boolean
/// query is evaluated segment by segment (like one FTS5 row) and inner_hits return every matching
/// timecode with its own highlight. The index is created from it on first use; changing the layout
/// needs a new index and a re-index (docs/search.md).</summary>
public static class ElasticsearchIndexTemplate
{
    /// <summary>Stored in the template's _meta; raise it when the mapping changes. 2: word times
    /// (<c>segments.words</c>) and a prefix index on the unstemmed text.</summary>
    public const int Layout = 2;

    /// <summary>Nested segments per clip. Elasticsearch's default (10 000) is a few hours of dialogue
    /// plus tags; <see cref="DocumentRules.MaxSegments"/> is the real cap.</summary>
    public const long NestedObjectsLimit = 50_000;

    public static string NameFor(string index) => index + "-template";

    public static PutIndexTemplateRequest Build(string index) => new(NameFor(index))
    {
        IndexPatterns = index,
        Priority = 200,
        Meta = new Dictionary<string, object> { ["description"] = "MAM clips with time-coded segments", ["layout"] = Layout },
        Template = new IndexTemplateMapping
        {
            Settings = new IndexSettings
            {
                Mapping = new MappingLimitSettings { NestedObjects = new MappingLimitSettingsNestedObjects { Limit = NestedObjectsLimit } },
                Analysis = Analysis(),
            },
            Mappings = Mappings(),
        },
    };

    // Analysers (https://www.elastic.co/docs/reference/text-analysis):
    // - dialogue: what was said or read. English stemming (possessive first, so "harbour's" → "harbour"),
    //   folding (café = cafe) and no stop words, so "to be or not to be" stays a phrase.
    // - dialogue_plain: the same words unstemmed, for searches with a prefix ("runn*" must find "running",
    //   which the stemmer has already turned into "run"; "viney*" "vineyard") and their highlight, with
    //   index_prefixes: the 2-5 letter starts of every word are indexed as terms of their own, so a short
    //   prefix is one term lookup instead of an expansion to every word it starts (capped at 50 by
    //   match_phrase_prefix otherwise).
    // - dialogue_shingles: adjacent word pairs and triples; a should clause on it ranks segments where
    //   the typed words stand together above segments where they are scattered. (index_phrases would be
    //   the built-in way, but highlighting of phrase queries on such fields is broken, elastic/elasticsearch#40227.)
    // - identifier: clip names, cards and paths split on anything but letters and digits, so A001_C007
    //   finds A001_C007_0412.mov as in FTS5 (the standard tokenizer keeps a001_c007_0412 as one token).
    private static IndexSettingsAnalysis Analysis() => new()
    {
        TokenFilters = new TokenFilters
        {
            { "english_possessive", new StemmerTokenFilter { Language = "possessive_english" } },
            { "english_stemmer", new StemmerTokenFilter { Language = "english" } },
            { "word_pairs", new ShingleTokenFilter { MinShingleSize = 2, MaxShingleSize = 3, OutputUnigrams = false } },
        },
        Tokenizers = new Tokenizers
        {
            { "identifier_parts", new PatternTokenizer { Pattern = @"[^\p{L}\p{N}]+" } },
        },
        Analyzers = new Analyzers
        {
            { "dialogue", Custom("standard", "lowercase", "asciifolding", "english_possessive", "english_stemmer") },
            { "dialogue_plain", Custom("standard", "lowercase", "asciifolding") },
            { "dialogue_shingles", Custom("standard", "lowercase", "asciifolding", "english_possessive", "english_stemmer", "word_pairs") },
            { "identifier", Custom("identifier_parts", "lowercase", "asciifolding") },
        },
    };

    private static CustomAnalyzer Custom(string tokenizer, params string[] filters) => new(tokenizer) { Filter = filters };

    private static TypeMapping Mappings() => new()
    {
        Dynamic = DynamicMapping.Strict,
        Properties = new Properties
        {
            { "assetId", new KeywordProperty() },
            { "project", new KeywordProperty() },
            { "card", KeywordWithText() },
            { "clipName", KeywordWithText() },
            { "metadata", new TextProperty { Analyzer = "identifier" } },
            { "camera", new KeywordProperty() },
            { "recordedAt", new DateProperty() },
            { "codec", new KeywordProperty() },
            { "resolution", new KeywordProperty() },
            { "tags", new KeywordProperty() },
            { "hasFaces", new BooleanProperty() },
            { "qcStatus", new KeywordProperty() },
            {
                "segments", new NestedProperty
                {
                    Properties = new Properties
                    {
                        { "start", new DoubleNumberProperty() },
                        { "end", new DoubleNumberProperty() },
                        { "source", new KeywordProperty() },
                        { "confidence", new FloatNumberProperty() },
                        { "words", new BinaryProperty() },
                        {
                            "text", new TextProperty
                            {
                                Analyzer = "dialogue",
                                Fields = new Properties
                                {
                                    { "plain", PlainText() },
                                    { "shingles", new TextProperty { Analyzer = "dialogue_shingles" } },
                                },
                            }
                        },
                    },
                }
            },
        },
    };

    private static TextProperty PlainText() => new()
    {
        Analyzer = "dialogue_plain",
        IndexPrefixes = new TextIndexPrefixes { MinChars = UserQuery.MinPrefixLength - 1, MaxChars = 5 },
    };

    /// <summary>What layout 2 added that an index created from an older template can take in place
    /// (PUT _mapping): the word times. Its mapping is strict, so without this every clip written with
    /// word times would be refused. The prefix index needs a new index and a re-index.</summary>
    public static PutMappingRequest Additions(string index) => new(index)
    {
        Properties = new Properties
        {
            { "segments", new NestedProperty { Properties = new Properties { { "words", new BinaryProperty() } } } },
        },
    };

    /// <summary>Exact value for filters, facets and sorting; ".text" split into parts for searching.</summary>
    private static KeywordProperty KeywordWithText() => new()
    {
        Fields = new Properties { { "text", new TextProperty { Analyzer = "identifier" } } },
    };
}
