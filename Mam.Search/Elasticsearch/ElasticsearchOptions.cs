using System.ComponentModel.DataAnnotations;

namespace Mam.Search.Elasticsearch;

/// <summary>Configuration section "Search:Elasticsearch", used when Search:Provider is Elasticsearch.</summary>
public sealed class ElasticsearchOptions
{
    public const string SectionName = "Search:Elasticsearch";

    /// <summary>The cluster's HTTP endpoint, e.g. http://search:9200 (any node or a load balancer).</summary>
    [MaxLength(2048)]
    public string? Url { get; set; }

    /// <summary>The index holding one document per clip. Several MAMs can share a cluster with
    /// different names. Elasticsearch's rules: lower case, no spaces or \ / * ? " &lt; &gt; | , # :.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9._-]{0,199}$",
        ErrorMessage = "Search:Elasticsearch:Index must be lower case letters, digits, '.', '_' or '-', starting with a letter or digit.")]
    public string Index { get; set; } = "mam-clips";

    /// <summary>An API key as Elasticsearch encodes it (the "encoded" value of POST /_security/api_key),
    /// sent as "Authorization: ApiKey …". Leave empty for a cluster without security.</summary>
    [MaxLength(1024)]
    public string? ApiKey { get; set; }

    /// <summary>How long one request may take before the cluster counts as unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
