namespace Mam.Tests.Search.Elasticsearch;

/// <summary>_search answers shaped like Elasticsearch 9.x's (hits.total object, nested inner_hits with
/// _nested offsets, matched_queries, highlight, terms buckets). The official client asks with
/// typed_keys=true, so aggregation names carry their type ("sterms#project"; booleans are long terms,
/// "lterms#hasFaces"). Highlights use the \u0002/\u0003 markers the adapter asks for in pre_tags/post_tags.</summary>
public static class CannedSearchResponses
{
    public const string HarbourClipId = "11111111-1111-1111-1111-111111111111";
    public const string DesertClipId = "22222222-2222-2222-2222-222222222222";

    public const string Empty = """
        {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]},
         "aggregations":{
           "sterms#project":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},
           "sterms#card":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},
           "sterms#camera":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},
           "sterms#codec":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},
           "sterms#resolution":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},
           "sterms#tag":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},
           "sterms#qc":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},
           "lterms#hasFaces":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]}}}
        """;

    /// <summary>"harbour": a clip with two matching phrases (one highlighted on the stemmed field, one
    /// with a confidence), and a clip whose metadata matched too (asset hit) with a long OCR line.</summary>
    public const string Harbour = """
        {"took":12,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":7,"relation":"eq"},"max_score":4.2,"hits":[
           {"_index":"mam-clips","_id":"22222222-2222-2222-2222-222222222222","_score":4.2,
            "_source":{"assetId":"22222222-2222-2222-2222-222222222222","project":"Desert Film","card":"A001","clipName":"A001C009",
                       "camera":"A","codec":"prores","resolution":"3840x2160","tags":["person"],"hasFaces":true,"qcStatus":"warning"},
            "matched_queries":["segments","asset"],
            "highlight":{"metadata":["A001C009.mov camera A \u0002harbour\u0003 set"]},
            "inner_hits":{"segments":{"hits":{"total":{"value":1,"relation":"eq"},"max_score":1.7,"hits":[
              {"_index":"mam-clips","_id":"22222222-2222-2222-2222-222222222222","_nested":{"field":"segments","offset":4},"_score":1.7,
               "_source":{"start":42.5,"end":44.0,"source":"text","text":"one two three four five six seven eight nine ten HARBOUR eleven twelve thirteen fourteen fifteen sixteen"},
               "highlight":{"segments.text.plain":["one two three four five six seven eight nine ten \u0002HARBOUR\u0003 eleven twelve thirteen fourteen fifteen sixteen"]}}]}}}},
           {"_index":"mam-clips","_id":"11111111-1111-1111-1111-111111111111","_score":2.5,
            "_source":{"assetId":"11111111-1111-1111-1111-111111111111","project":"Harbour Film","card":"A001","clipName":"A001C001",
                       "camera":"A","recordedAt":"2026-11-20T09:00:00.000Z","codec":"prores","resolution":"1920x1080",
                       "tags":["person","scene 12 take 3"],"hasFaces":true,"qcStatus":"pass"},
            "matched_queries":["segments"],
            "inner_hits":{"segments":{"hits":{"total":{"value":2,"relation":"eq"},"max_score":2.5,"hits":[
              {"_index":"mam-clips","_id":"11111111-1111-1111-1111-111111111111","_nested":{"field":"segments","offset":2},"_score":2.5,
               "_source":{"start":10.0,"end":12.0,"source":"transcript","text":"Meet me at the harbour <wall> & gate."},
               "highlight":{"segments.text":["Meet me at the \u0002harbour\u0003 <wall> & gate."]}},
              {"_index":"mam-clips","_id":"11111111-1111-1111-1111-111111111111","_nested":{"field":"segments","offset":0},"_score":1.9,
               "_source":{"start":1.0,"end":3.5,"source":"transcript","confidence":0.9,"text":"The boat came home to the harbours at dawn."},
               "highlight":{"segments.text":["The boat came home to the \u0002harbours\u0003 at dawn."]}}]}}}}]},
         "aggregations":{
           "sterms#project":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Harbour Film","doc_count":5},{"key":"Desert Film","doc_count":2}]},
           "sterms#card":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"A001","doc_count":7}]},
           "sterms#camera":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"A","doc_count":6},{"key":"B","doc_count":1}]},
           "sterms#codec":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"prores","doc_count":7}]},
           "sterms#resolution":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"1920x1080","doc_count":4},{"key":"3840x2160","doc_count":3}]},
           "sterms#tag":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"person","doc_count":2},{"key":"scene 12 take 3","doc_count":1}]},
           "sterms#qc":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"pass","doc_count":6},{"key":"warning","doc_count":1}]},
           "lterms#hasFaces":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":1,"key_as_string":"true","doc_count":2},{"key":0,"key_as_string":"false","doc_count":5}]}}}
        """;

    /// <summary>A browse (sorted, so _score is null) listing one clip.</summary>
    public const string Browse = """
        {"took":2,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":1,"relation":"eq"},"max_score":null,"hits":[
           {"_index":"mam-clips","_id":"11111111-1111-1111-1111-111111111111","_score":null,
            "_source":{"assetId":"11111111-1111-1111-1111-111111111111","project":"Harbour Film","card":"A001","clipName":"A001C001",
                       "recordedAt":"2026-11-20T09:00:00.000Z","tags":[],"hasFaces":false},
            "sort":[1795165200000,"Harbour Film","A001","A001C001","11111111-1111-1111-1111-111111111111"]}]},
         "aggregations":{"sterms#project":{"buckets":[{"key":"Harbour Film","doc_count":1}]}}}
        """;
}
