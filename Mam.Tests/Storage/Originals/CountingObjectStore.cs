using Mam.Storage;

namespace Mam.Tests.Storage.Originals;

/// <summary>The real store with a tally of what was read from it: GETs opened and bytes taken. Not a
/// fake: every call goes through to the store underneath.</summary>
internal sealed class CountingObjectStore(IObjectStore inner) : IObjectStore
{
    private long _reads;
    private long _bytes;

    public long Reads => Interlocked.Read(ref _reads);

    public long BytesRead => Interlocked.Read(ref _bytes);

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var stream = await inner.OpenReadAsync(key, cancellationToken);
        Interlocked.Increment(ref _reads);
        return new CountingStream(stream, n => Interlocked.Add(ref _bytes, n));
    }

    public Task<StoredObject> PutAsync(string key, Stream content, string? expectedXxh64, CancellationToken cancellationToken) =>
        inner.PutAsync(key, content, expectedXxh64, cancellationToken);

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken) => inner.GetSizeAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public string? TryGetLocalPath(string key) => inner.TryGetLocalPath(key);

    public Uri? TryGetReadUrl(string key, TimeSpan validity) => inner.TryGetReadUrl(key, validity);

    private sealed class CountingStream(Stream inner, Action<int> counted) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            counted(read);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            counted(read);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
