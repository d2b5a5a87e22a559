using System.Net;
using System.Net.Sockets;

namespace Mam.Bench.OriginalReads;

/// <summary>A TCP relay between our process (the S3 SDK and ffprobe alike) and Ceph RGW that counts the
/// bytes RGW sends back: what actually left the object store, presigned range GETs included, HTTP
/// headers included. SigV4 signs the Host header, so the store is configured with the relay's address
/// and RGW checks the signature against the same Host the client signed.</summary>
internal sealed class CountingRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _bytesFromStore;
    private long _connections;

    public CountingRelay(Uri target)
    {
        _target = target;
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync(_stop.Token);
    }

    public Uri Endpoint { get; }

    public long BytesFromStore => Interlocked.Read(ref _bytesFromStore);

    public long Connections => Interlocked.Read(ref _connections);

    public void Reset()
    {
        Interlocked.Exchange(ref _bytesFromStore, 0);
        Interlocked.Exchange(ref _connections, 0);
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = RelayAsync(client, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        // Small fixed buffers: autotuned ones let the relay take megabytes from the store that the client
        // never reads, which the relay would count against the client.
        using (var upstream = new TcpClient { ReceiveBufferSize = 64 * 1024 })
        {
            client.SendBufferSize = 64 * 1024;
            try
            {
                await upstream.ConnectAsync(_target.Host, _target.Port, cancellationToken).ConfigureAwait(false);
                var fromClient = client.GetStream();
                var fromStore = upstream.GetStream();
                // HTTP/1.1: the exchange is over when either side closes.
                await Task.WhenAny(
                    PumpAsync(fromClient, fromStore, null, cancellationToken),
                    PumpAsync(fromStore, fromClient, n => Interlocked.Add(ref _bytesFromStore, n), cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // A side hung up; the other is closed with it.
            }
        }
    }

    private static async Task PumpAsync(Stream from, Stream to, Action<int>? counted, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                counted?.Invoke(read);
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }
}
