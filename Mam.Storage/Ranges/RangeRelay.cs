using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Mam.Storage.Ranges;

/// <summary>
/// A small HTTP server on 127.0.0.1 serving one stored object to ffprobe and ffmpeg, reading the store
/// only in bounded ranges. ffmpeg asks a URL for open-ended ranges (<c>bytes=N-</c>) and hangs up once it
/// has what it needs; a store answering those sends what the sockets take meanwhile (92.7 MB for a 6.4 MB
/// cut of a 184 MB ProRes file, measured). Here every read of the store is <c>bytes=a-b</c> of one chunk,
/// fetched only when ffmpeg has taken the one before, and kept in a sparse local file: ffprobe's packet
/// index and ffmpeg's remux of the same range read the store once. <see cref="BytesFromStore"/> counts it.
/// </summary>
public sealed class RangeRelay : IAsyncDisposable
{
    private const int SendBuffer = 64 * 1024;

    private readonly Uri _source;
    private readonly HttpClient _http;
    private readonly FileStream _cache;
    private readonly int _chunkSize;
    private readonly HashSet<long> _cached = [];
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;
    private long _bytesFromStore;
    private long _requests;

    private RangeRelay(Uri source, string cacheFile, int chunkSize, long size)
    {
        _source = source;
        _chunkSize = chunkSize;
        Size = size;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) }) { Timeout = TimeSpan.FromMinutes(5) };
        _cache = new FileStream(cacheFile, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    /// <summary>The object's URL on this machine; the extension is the original's, for tools that look at it.</summary>
    public Uri Url { get; private set; } = null!;

    public long Size { get; }

    /// <summary>Bytes of the object read from the store so far (bodies only).</summary>
    public long BytesFromStore => Interlocked.Read(ref _bytesFromStore);

    /// <summary>Ranged reads made of the store.</summary>
    public long StoreRequests => Interlocked.Read(ref _requests);

    /// <param name="source">A URL that reads the object with Range requests (a presigned GET).</param>
    /// <param name="cacheFile">Where fetched chunks are kept (deleted when the relay is disposed).</param>
    /// <param name="extension">The original's, e.g. ".mov".</param>
    public static async Task<RangeRelay> StartAsync(Uri source, string cacheFile, string extension, int chunkSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 4096);
        var size = await SizeAsync(source, cancellationToken).ConfigureAwait(false);
        var relay = new RangeRelay(source, cacheFile, chunkSize, size);
        relay._listener.Start();
        relay.Url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)relay._listener.LocalEndpoint).Port}/object{extension}"));
        relay._accepting = relay.AcceptAsync(relay._stop.Token);
        return relay;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        await _cache.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        _fetching.Dispose();
        _stop.Dispose();
    }

    /// <summary>The object's size, from the Content-Range of a one-byte read (a presigned GET cannot be HEADed).</summary>
    private static async Task<long> SizeAsync(Uri source, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, source);
        request.Headers.Range = new RangeHeaderValue(0, 0);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(source.AbsolutePath.TrimStart('/'));
        }
        response.EnsureSuccessStatusCode();
        return response.Content.Headers.ContentRange?.Length ?? response.Content.Headers.ContentLength
            ?? throw new InvalidOperationException("The store did not say how large the object is.");
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        var connections = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                break;
            }
            connections.RemoveAll(c => c.IsCompleted);
            connections.Add(ServeAsync(client, cancellationToken));
        }
        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    /// <summary>One request per connection (Connection: close), as ffmpeg's http reader copes with.</summary>
    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            client.SendBufferSize = SendBuffer;
            try
            {
                var stream = client.GetStream();
                var (method, range) = await ReadRequestAsync(stream, cancellationToken).ConfigureAwait(false);
                var (first, last) = range ?? (0, Size - 1);
                first = first < 0 ? Math.Max(0, Size + first) : first;
                if (first >= Size || first > last)
                {
                    await WriteAsync(stream, string.Create(CultureInfo.InvariantCulture,
                        $"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{Size}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), cancellationToken).ConfigureAwait(false);
                    return;
                }
                last = Math.Min(last, Size - 1);
                var head = range is null
                    ? string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 200 OK\r\nContent-Length: {Size}\r\n")
                    : string.Create(CultureInfo.InvariantCulture, $"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {first}-{last}/{Size}\r\nContent-Length: {last - first + 1}\r\n");
                await WriteAsync(stream, head + "Accept-Ranges: bytes\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n", cancellationToken).ConfigureAwait(false);
                if (method == "GET")
                {
                    await SendAsync(stream, first, last, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or FormatException or OverflowException or HttpRequestException)
            {
                // The reader hung up (ffmpeg does after a seek), or the relay is stopping.
            }
        }
    }

    private async Task SendAsync(NetworkStream stream, long first, long last, CancellationToken cancellationToken)
    {
        var buffer = new byte[_chunkSize];
        for (var position = first; position <= last;)
        {
            var chunk = position / _chunkSize;
            await EnsureCachedAsync(chunk, cancellationToken).ConfigureAwait(false);
            var chunkEnd = Math.Min(((chunk + 1) * _chunkSize) - 1, Size - 1);
            var count = (int)(Math.Min(chunkEnd, last) - position + 1);
            var read = await RandomAccess.ReadAsync(_cache.SafeFileHandle, buffer.AsMemory(0, count), position, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            position += read;
        }
    }

    private async Task EnsureCachedAsync(long chunk, CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached.Contains(chunk))
            {
                return;
            }
            var first = chunk * _chunkSize;
            var last = Math.Min(first + _chunkSize, Size) - 1;
            using var request = new HttpRequestMessage(HttpMethod.Get, _source);
            request.Headers.Range = new RangeHeaderValue(first, last);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _requests);
            if (response.StatusCode != HttpStatusCode.PartialContent)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"The store answered {(int)response.StatusCode} to bytes {first}-{last}."));
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (bytes.Length != last - first + 1)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"The store sent {bytes.Length} bytes for bytes {first}-{last}."));
            }
            Interlocked.Add(ref _bytesFromStore, bytes.Length);
            await RandomAccess.WriteAsync(_cache.SafeFileHandle, bytes, first, cancellationToken).ConfigureAwait(false);
            _cached.Add(chunk);
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <returns>The method, and the range asked for (null: the whole object).</returns>
    private static async Task<(string Method, (long First, long Last)? Range)> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0 || received.Length > 64 * 1024)
            {
                throw new IOException("The request ended before its headers did.");
            }
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        var lines = received.ToString().Split("\r\n");
        var method = lines[0].Split(' ')[0];
        var header = lines.FirstOrDefault(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase));
        if (header is null || !header[6..].Trim().StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return (method, null);
        }
        var spec = header[6..].Trim()[6..].Split(',')[0].Split('-');
        if (spec[0].Length == 0)
        {
            // bytes=-N: the last N bytes (the caller caps it to the object).
            return (method, (-long.Parse(spec[1], NumberStyles.None, CultureInfo.InvariantCulture), long.MaxValue));
        }
        var first = long.Parse(spec[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var last = spec.Length > 1 && spec[1].Length > 0 ? long.Parse(spec[1], NumberStyles.None, CultureInfo.InvariantCulture) : long.MaxValue;
        return (method, (first, last));
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).AsTask();
}
