using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Mam.Search;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Mam.Bench.Search.Lucene;

/// <summary>The reference: the same segments in Lucene.Net 4.8 (the engine inside Elasticsearch), one
/// document per segment with its clip's number as doc values and its clip's filter fields, searched
/// the way our engine answers: every match collected and grouped per clip (best score), the clips'
/// facets counted, the best 20 listed with their matching segments' times and text. Phrases on a
/// stemmed field (standard tokenizer, lower case, folding, Porter), prefixes on an unstemmed one.
/// Bench-only: no product project references Lucene.</summary>
public sealed class LuceneReference : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly LuceneDirectory _directory;
    private readonly Analyzer _analyzer;
    private readonly LuceneClips _clips = new();
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;
    private IndexWriter? _writer;

    public LuceneReference(string folder)
    {
        _directory = FSDirectory.Open(folder);
        var stemmed = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new LowerCaseFilter(Version, source);
            stream = new ASCIIFoldingFilter(stream);
            return new TokenStreamComponents(source, new PorterStemFilter(stream));
        });
        var plain = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new StandardTokenizer(Version, reader);
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(Version, source)));
        });
        _analyzer = new PerFieldAnalyzerWrapper(stemmed, new Dictionary<string, Analyzer> { ["plain"] = plain });
    }

    public void Add(IReadOnlyList<AssetDocument> clips)
    {
        _writer ??= new IndexWriter(_directory, new IndexWriterConfig(Version, _analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 256 });
        foreach (var clip in clips)
        {
            var number = _clips.Add(clip);
            foreach (var segment in clip.Segments)
            {
                var document = new Document
                {
                    new NumericDocValuesField("clip", number),
                    new TextField("text", segment.Text, Field.Store.YES),
                    new TextField("plain", segment.Text, Field.Store.NO),
                    new StoredField("start", segment.Start),
                    new StoredField("end", segment.End),
                    new StringField("project", clip.Project, Field.Store.NO),
                    new StringField("camera", clip.Camera ?? "", Field.Store.NO),
                    new StringField("codec", clip.Codec ?? "", Field.Store.NO),
                    new StringField("qc", clip.QcStatus ?? "", Field.Store.NO),
                    new StringField("faces", clip.HasFaces ? "true" : "false", Field.Store.NO),
                    new Int64Field("recorded", clip.RecordedAt?.Ticks ?? 0, Field.Store.NO),
                };
                foreach (var tag in clip.Tags)
                {
                    document.Add(new StringField("tag", tag, Field.Store.NO));
                }

                _writer.AddDocument(document);
            }
        }
    }

    /// <summary>The clips' fields of an index built earlier (<c>--reuse yes</c>), in the order they were added.</summary>
    public void Remember(IReadOnlyList<AssetDocument> clips)
    {
        foreach (var clip in clips)
        {
            _clips.Add(clip);
        }
    }

    public void Commit()
    {
        _writer?.ForceMerge(1);
        _writer?.Dispose();
        _writer = null;
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader);
    }

    /// <returns>How many clips match.</returns>
    public int Search(string query, SearchFilter filter, int limit = 20)
    {
        var searcher = _searcher ?? throw new InvalidOperationException("Commit first.");
        if (string.IsNullOrWhiteSpace(query))
        {
            return _clips.Browse(filter, limit);
        }

        var text = Text(query);
        var filterQuery = Filter(filter);
        var search = filterQuery is null ? text : new FilteredQuery(text, new QueryWrapperFilter(filterQuery));
        var collector = new ClipCollector(_clips.Count);
        searcher.Search(search, collector);
        var listed = _clips.Rank(collector, limit);

        // What the answer shows of the listed clips' hits: their times and text.
        foreach (var doc in collector.DocsOf(listed, SearchLimits.MaxHitsPerClip))
        {
            var stored = searcher.Doc(doc);
            _ = (stored.GetField("start").GetDoubleValue(), stored.GetField("end").GetDoubleValue(), stored.Get("text"));
        }

        return collector.MatchingClips;
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _reader?.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    /// <summary>"a phrase" or a word on the stemmed field; word* on the unstemmed one.</summary>
    private Query Text(string query)
    {
        var prefix = query.EndsWith('*');
        var words = Terms(prefix ? "plain" : "text", query.Trim('"', '*'));
        if (prefix && words.Count == 1)
        {
            return new PrefixQuery(new Term("plain", words[0]));
        }

        var phrase = new PhraseQuery();
        foreach (var word in words)
        {
            phrase.Add(new Term("text", word));
        }

        return phrase;
    }

    private List<string> Terms(string field, string text)
    {
        var terms = new List<string>();
        using var stream = _analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    private static BooleanQuery? Filter(SearchFilter filter)
    {
        var clauses = new BooleanQuery();
        void Term(string field, string? value)
        {
            if (value is not null)
            {
                clauses.Add(new TermQuery(new Term(field, value)), Occur.MUST);
            }
        }

        Term("project", filter.Project);
        Term("camera", filter.Camera);
        Term("codec", filter.Codec);
        Term("qc", filter.QcStatus);
        Term("faces", filter.HasFaces is { } faces ? (faces ? "true" : "false") : null);
        foreach (var tag in filter.Tags)
        {
            Term("tag", tag);
        }

        if (filter.RecordedFrom is not null || filter.RecordedBefore is not null)
        {
            clauses.Add(NumericRangeQuery.NewInt64Range("recorded", filter.RecordedFrom?.Ticks, filter.RecordedBefore?.Ticks, true, false), Occur.MUST);
        }

        return clauses.Clauses.Count == 0 ? null : clauses;
    }
}
